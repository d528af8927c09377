import { describe, expect, it } from 'vitest';

import { undeliveredLinkLog } from './undelivered-link-log.js';

const recordingLog = () => {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    log: { info: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) },
  };
};

describe('undelivered invitation links', () => {
  it('are logged at info in development', () => {
    const { lines, log } = recordingLog();
    undeliveredLinkLog({ NODE_ENV: 'development' }, log)?.(
      'http://127.0.0.1:8000/invitations/accept?token=t',
      'a@b.test',
    );
    expect(lines).toEqual([
      {
        fields: { email: 'a@b.test', accept_link: 'http://127.0.0.1:8000/invitations/accept?token=t' },
        message: expect.stringContaining('accept link'),
      },
    ]);
  });

  it.each(['production', 'test'] as const)('are never logged in %s', (NODE_ENV) => {
    expect(undeliveredLinkLog({ NODE_ENV }, recordingLog().log)).toBeUndefined();
  });
});
