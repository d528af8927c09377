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
  const bounded = withCallDeadline(repository, 30, ['purge']);

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
});
