import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import type { User } from '../users/user.js';
import { createLoginThrottle, createMemoryAttemptCounter } from './login-throttle.js';
import { login, type LoginDeps } from './login.js';
import type { PasswordHasher } from './password.js';

const admin: User = {
  id: 'admin-1',
  email: 'known@example.com',
  passwordHash: 'hash-of:right-password',
  displayName: 'known',
  sessionVersion: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

/** A hasher that records which hashes it was asked to verify against. */
const recordingHasher = () => {
  const verified: string[] = [];
  const hasher: PasswordHasher = {
    hash: async (password) => `hash-of:${password}`,
    verify: async (hash, password) => {
      verified.push(hash);
      return hash === `hash-of:${password}`;
    },
  };
  return { hasher, verified };
};

const depsWith = (passwords: PasswordHasher, maxAttemptsPerEmail = 100) =>
  ({
    users: { findByEmail: async (email: string) => (email === admin.email ? admin : null) },
    organizations: { findById: async () => null },
    memberships: { listByUser: async () => [] },
    passwords,
    loginThrottle: createLoginThrottle(createMemoryAttemptCounter(), {
      maxAttemptsPerEmail,
      maxAttemptsPerIp: 1_000,
      windowMs: 60_000,
    }),
    dummyHash: Promise.resolve('dummy-hash'),
  }) as unknown as LoginDeps;

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

describe('login', () => {
  it('verifies an unknown email against the dummy hash, so both failures cost one argon2 verification', async () => {
    const { hasher, verified } = recordingHasher();
    const deps = depsWith(hasher);
    const unknown = await failure(login(deps, { email: 'nobody@example.com', password: 'whatever-1' }));
    const wrong = await failure(login(deps, { email: admin.email, password: 'wrong-password' }));
    expect(verified).toEqual(['dummy-hash', admin.passwordHash]);
    expect([unknown.code, wrong.code]).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    expect(unknown.message).toBe(wrong.message);
  });

  it('counts the attempt before checking the password: past the limit no verification happens', async () => {
    const { hasher, verified } = recordingHasher();
    const deps = depsWith(hasher, 2);
    await failure(login(deps, { email: admin.email, password: 'wrong-1' }));
    await failure(login(deps, { email: admin.email, password: 'wrong-2' }));
    const throttled = await failure(login(deps, { email: admin.email, password: 'wrong-3' }));
    expect(throttled.code).toBe('TOO_MANY_ATTEMPTS');
    expect(throttled.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(verified).toHaveLength(2);
  });

  it('treats emails case-insensitively for lookup and throttling', async () => {
    const { hasher, verified } = recordingHasher();
    await failure(login(depsWith(hasher), { email: '  KNOWN@example.com ', password: 'wrong' }));
    expect(verified).toEqual([admin.passwordHash]);
  });
});
