import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { envSchema } from '../../src/env.js';
import { legacyVariableNames } from '../../src/legacy-variables.js';

const turboJson = fileURLToPath(new URL('../../../../turbo.json', import.meta.url));

/** turbo's patterns: a literal name, or a prefix ending in `*`. */
const matches = (pattern: string, name: string) =>
  pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;

describe("turbo.json's dev task", () => {
  // Turbo's strict env mode hands a task only the variables turbo.json declares.
  it('passes every variable start-up reads through to `pnpm dev`', async () => {
    const config = JSON.parse(await readFile(turboJson, 'utf8')) as { tasks: { dev: { passThroughEnv?: string[] } } };
    const patterns = config.tasks.dev.passThroughEnv ?? [];
    const names = [...Object.keys(envSchema.shape), ...legacyVariableNames, 'ORGSPHERE_ENV_FILE'];
    expect(names.filter((name) => !patterns.some((pattern) => matches(pattern, name)))).toEqual([]);
  });
});
