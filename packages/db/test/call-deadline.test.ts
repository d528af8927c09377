import { AppError } from '@orgsphere/core';
import { describe, expect, it } from 'vitest';

import { withCallDeadline } from '../src/call-deadline.js';

const never = () => new Promise<never>(() => undefined);

describe('repository calls with a deadline', () => {
  const repository = {
    answers: (value: number) => Promise.resolve(value * 2),
    fails: () => Promise.reject(new AppError('ORG_NOT_FOUND', 'no such organization')),
    hangs: never,
    purge: () => new Promise<string>((resolve) => setTimeout(() => resolve('purged'), 80)),
  };
  const bounded = withCallDeadline(repository, { deadlineMs: 30, isAlive: async () => false }, ['purge']);

  it('passes answers and errors through unchanged', async () => {
    expect(await bounded.answers(21)).toBe(42);
    await expect(bounded.fails()).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' });
  });

  it('gives up on a call that never answers as STORAGE_UNAVAILABLE', async () => {
    await expect(bounded.hangs()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  it('leaves exempt methods unbounded', async () => {
    expect(await bounded.purge()).toBe('purged');
  });

  it('keeps waiting for a slow call while the database answers pings, and gives up once it stops', async () => {
    let alive = true;
    let pings = 0;
    const isAlive = async () => {
      pings += 1;
      return alive;
    };
    const slow = withCallDeadline(
      { slow: () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 120)) },
      { deadlineMs: 30, isAlive },
    );
    expect(await slow.slow()).toBe('done');
    expect(pings).toBeGreaterThan(0);

    const stuck = withCallDeadline({ hangs: never }, { deadlineMs: 30, isAlive });
    const outcome = stuck.hangs().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = false;
    expect(await outcome).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
