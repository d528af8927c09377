import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import type { Organization } from '../tenancy/organization.js';
import type { User } from '../users/user.js';
import { changePassword, type ChangePasswordDeps } from './change-password.js';
import { createLoginThrottle, createMemoryAttemptCounter } from './login-throttle.js';

const principal = { adminId: 'admin-1', organizationId: 'org-1', sessionId: 'session-1', role: 'owner' as const };

/** In-memory doubles of the ports the use case touches, recording the order of its writes. */
const arrange = (maxAttemptsPerEmail = 100) => {
  const steps: string[] = [];
  let admin: User = {
    id: 'admin-1',
    email: 'admin@example.com',
    passwordHash: 'hash-of:old-password-1',
    displayName: 'Admin',
    sessionVersion: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  const organization = { id: 'org-1', name: 'Acme', state: 'active' } as Organization;
  const deps = {
    users: {
      findById: async () => admin,
      update: async (_id: string, changes: Partial<User>, options?: { revokeSessions?: boolean }) => {
        steps.push('admin updated');
        admin = { ...admin, ...changes, sessionVersion: admin.sessionVersion + (options?.revokeSessions ? 1 : 0) };
        return admin;
      },
    },
    organizations: { findById: async () => organization },
    passwords: {
      hash: async (password: string) => `hash-of:${password}`,
      verify: async (hash: string, password: string) => hash === `hash-of:${password}`,
    },
    sessions: {
      revokeAllSessions: async () => void steps.push('sessions revoked'),
      insertSession: async () => void steps.push('session started'),
      insertRefreshToken: async () => undefined,
    },
    tokens: {
      issueAccessToken: async (claims: { sessionVersion: number }) => ({
        token: `token-v${claims.sessionVersion}`,
        expiresInSeconds: 900,
      }),
    },
    loginThrottle: createLoginThrottle(createMemoryAttemptCounter(), {
      maxAttemptsPerEmail,
      maxAttemptsPerIp: 1_000,
      windowMs: 60_000,
    }),
    sessionPolicy: { refreshTokenTtlSeconds: 3_600, sessionMaxAgeSeconds: 86_400 },
    clock: { now: () => new Date(1_000) },
  } as unknown as ChangePasswordDeps;
  return { deps, steps, admin: () => admin };
};

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

describe('changePassword', () => {
  it('ends the sessions before and after the new hash is stored, then starts a session with the new version', async () => {
    const { deps, steps, admin } = arrange();
    const tokens = await changePassword(deps, principal, {
      currentPassword: 'old-password-1',
      newPassword: 'new-password-2',
    });
    expect(steps).toEqual(['sessions revoked', 'admin updated', 'sessions revoked', 'session started']);
    expect(admin().passwordHash).toBe('hash-of:new-password-2');
    expect(tokens.accessToken).toBe('token-v2');
  });

  it('refuses a wrong current password without a 401 code, and counts it as a login attempt', async () => {
    const { deps, steps } = arrange(2);
    const wrong = { currentPassword: 'guess-password', newPassword: 'new-password-2' };
    expect((await failure(changePassword(deps, principal, wrong))).code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await failure(changePassword(deps, principal, wrong))).code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await failure(changePassword(deps, principal, wrong))).code).toBe('TOO_MANY_ATTEMPTS');
    expect(steps).toEqual([]);
  });

  it('checks the new password against the policy and against the current one', async () => {
    const { deps } = arrange();
    const weak = await failure(
      changePassword(deps, principal, { currentPassword: 'old-password-1', newPassword: 'short' }),
    );
    expect([weak.code, weak.details.field]).toEqual(['PASSWORD_POLICY', 'new_password']);
    const same = await failure(
      changePassword(deps, principal, { currentPassword: 'old-password-1', newPassword: 'old-password-1' }),
    );
    expect([same.code, same.details.field]).toEqual(['PASSWORD_POLICY', 'new_password']);
  });
});
