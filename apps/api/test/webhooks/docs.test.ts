import { readFileSync } from 'node:fs';

import { webhookEventTypes } from '@orgsphere/core';
import { describe, expect, it } from 'vitest';

const docs = readFileSync(new URL('../../../../docs/webhooks.md', import.meta.url), 'utf8');

describe('docs/webhooks.md', () => {
  it('lists exactly the event types of the one runtime list', () => {
    const table = docs.slice(docs.indexOf('## Event types'), docs.indexOf('## API'));
    const documented = [...table.matchAll(/^\| `([a-z_]+\.[a-z_]+)`/gm)].map((match) => match[1]);
    expect(documented).toEqual([...webhookEventTypes]);
  });
});
