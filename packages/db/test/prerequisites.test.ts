import { createServer } from 'node:net';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { isTcpReachable, MissingPrerequisiteError, requirePrerequisite } from '../src/testing/index.js';

const redis = { what: 'Redis at 127.0.0.1:1', neededBy: 'the example test', fix: 'start redis-server' };

describe('requirePrerequisite', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets the tests run when the prerequisite is there, in CI or not', () => {
    expect(requirePrerequisite(true, redis, { CI: 'true' })).toBe(true);
    expect(requirePrerequisite(true, redis, {})).toBe(true);
  });

  it('fails under CI=true, naming what is missing, who needs it and how to fix it', () => {
    expect(() => requirePrerequisite(false, redis, { CI: 'true' })).toThrow(MissingPrerequisiteError);
    expect(() => requirePrerequisite(false, redis, { CI: '1' })).toThrow(
      'Redis at 127.0.0.1:1 is missing, and the example test needs it (start redis-server). Under CI=true this fails instead of skipping.',
    );
  });

  it('skips outside CI, saying so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requirePrerequisite(false, redis, {})).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      'SKIPPING the example test: Redis at 127.0.0.1:1 is missing, and the example test needs it (start redis-server).',
    );
  });
});

describe('isTcpReachable', () => {
  it('tells a listening port from a closed one', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await isTcpReachable('127.0.0.1', port)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isTcpReachable('127.0.0.1', port)).toBe(false);
  });
});
