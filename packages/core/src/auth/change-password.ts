import { AppError } from '../errors.js';
import { organizationBusy } from '../tenancy/conflicts.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { acceptsChanges } from '../tenancy/visibility.js';
import { startSession, type IssueSessionTokensDeps, type SessionTokens } from './issue-session-tokens.js';
import type { LoginThrottle } from './login-throttle.js';
import { assertPasswordPolicy, type PasswordHasher } from './password.js';
import type { UserRepository } from '../users/ports.js';
import type { SessionRepository } from './ports.js';
import type { AdminPrincipal } from './principal.js';
import type { ClientInfo } from './session.js';

export type ChangePasswordDeps = IssueSessionTokensDeps & {
  users: Pick<UserRepository, 'findById' | 'update'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
  sessions: Pick<SessionRepository, 'revokeAllSessions'>;
  passwords: PasswordHasher;
  loginThrottle: Pick<LoginThrottle, 'registerAttempt' | 'registerSuccess'>;
};

export type ChangePasswordInput = { currentPassword: string; newPassword: string; client?: ClientInfo };

/**
 * The signed-in admin replaces their password after proving the current one. Every
 * session ends (whoever knew the old password is out) and the caller gets a new one,
 * so the app that made the change stays signed in.
 */
export const changePassword = async (
  deps: ChangePasswordDeps,
  principal: AdminPrincipal,
  input: ChangePasswordInput,
): Promise<SessionTokens> => {
  assertPasswordPolicy(input.newPassword, 'new_password');
  // The user changes their own password; the active organization only has to be settled.
  const user = await deps.users.findById(principal.adminId);
  const organization = user && (await deps.organizations.findById(principal.organizationId));
  if (!user || !organization) throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  if (!acceptsChanges(organization)) throw organizationBusy(organization.name);

  // Guesses of the current password count as login attempts, so a stolen access token
  // cannot be used to brute-force it.
  await deps.loginThrottle.registerAttempt(user.email, input.client?.ip);
  if (!(await deps.passwords.verify(user.passwordHash, input.currentPassword))) {
    throw new AppError('CURRENT_PASSWORD_WRONG', 'current_password is not the current password', {
      field: 'current_password',
      organizationId: principal.organizationId,
      adminId: user.id,
    });
  }
  await deps.loginThrottle.registerSuccess(user.email);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY', 'new_password must differ from current_password', { field: 'new_password' });
  }

  const passwordHash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now();
  // Sessions end before the password changes, so a crash between the steps leaves the
  // old password with no sessions rather than the new password with the old sessions;
  // the second pass ends any session a concurrent login opened with the old password.
  await deps.sessions.revokeAllSessions(user.id, now);
  const updated = await deps.users.update(user.id, { passwordHash, updatedAt: now }, { revokeSessions: true });
  await deps.sessions.revokeAllSessions(user.id, now);
  if (!updated) throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  return startSession(deps, updated, principal.organizationId, input.client ?? {});
};
