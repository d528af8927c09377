import { AppError } from '@orgsphere/core';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';

import { isUnavailableError, withDriverErrors } from '../src/index.js';

const serverError = (code: number, message = 'server said no') =>
  new MongoServerError({ ok: 0, code, errmsg: message });
const socketError = (code: string) =>
  Object.assign(new Error('This socket has been ended by the other party'), { code });

describe('telling "database unavailable" from "bad request"', () => {
  it('counts lost connections, shutdowns and step-downs as unavailable', () => {
    expect(isUnavailableError(new MongoNetworkError('connection reset'))).toBe(true);
    // Seen when the server went away mid-request: the driver passed on the bare socket error.
    expect(isUnavailableError(socketError('EPIPE'))).toBe(true);
    expect(isUnavailableError(socketError('ECONNRESET'))).toBe(true);
    for (const code of [91, 189, 11600, 11602, 10107]) expect(isUnavailableError(serverError(code))).toBe(true);
  });

  it('does not count refusals of the request itself', () => {
    expect(isUnavailableError(serverError(11000, 'E11000 duplicate key'))).toBe(false);
    expect(isUnavailableError(serverError(2, 'BadValue'))).toBe(false);
    expect(isUnavailableError(new Error('a bug'))).toBe(false);
    expect(isUnavailableError(socketError('ENOENT'))).toBe(false);
  });

  it('turns an unavailable database into STORAGE_UNAVAILABLE, and leaves other errors alone', async () => {
    const unavailable = await withDriverErrors(() => Promise.reject(socketError('EPIPE'))).catch(
      (error: unknown) => error,
    );
    expect(unavailable).toBeInstanceOf(AppError);
    expect((unavailable as AppError).code).toBe('STORAGE_UNAVAILABLE');
    const bug = new TypeError('not a function');
    await expect(withDriverErrors(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
