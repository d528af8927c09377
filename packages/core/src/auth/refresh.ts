import { AppError } from '../errors.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertOpenToMembers } from '../tenancy/visibility.js';
import { issueSessionTokens, type IssueSessionTokensDeps, type SessionTokens } from './issue-session-tokens.js';
import type { MembershipRepository } from '../members/ports.js';
import type { UserRepository } from '../users/ports.js';
import type { SessionRepository } from './ports.js';
import { hashRefreshToken } from './refresh-token.js';
import type { ClientInfo } from './session.js';

export type RefreshSessionDeps = IssueSessionTokensDeps & {
  sessions: SessionRepository;
  users: Pick<UserRepository, 'findById'>;
  memberships: Pick<MembershipRepository, 'find'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
};

const invalid = () => new AppError('REFRESH_TOKEN_INVALID', 'Refresh token is invalid or expired; log in again');

/**
 * Exchanges a refresh token for a new pair. Each refresh token works once: the
 * exchange is a compare-and-set, and presenting a token that was already exchanged
 * means two parties hold it, so the whole session is revoked.
 */
export const refreshSession = async (
  deps: RefreshSessionDeps,
  refreshToken: string,
  client: ClientInfo = {},
): Promise<SessionTokens> => {
  const now = deps.clock.now();
  const record = await deps.sessions.findRefreshToken(hashRefreshToken(refreshToken));
  if (!record) throw invalid();
  const session = await deps.sessions.findSession(record.sessionId);
  if (!session || session.revokedAt || session.expiresAt <= now || record.expiresAt <= now) throw invalid();

  if (record.rotatedAt || !(await deps.sessions.markRotated(record.hash, now))) {
    await deps.sessions.revokeSession(session.id, now);
    throw new AppError(
      'REFRESH_TOKEN_REUSED',
      'Refresh token was already used; the session has been revoked. Log in again',
      { organizationId: session.organizationId, adminId: session.adminId },
    );
  }

  const [user, organization, membership] = await Promise.all([
    deps.users.findById(record.adminId),
    deps.organizations.findById(session.organizationId),
    deps.memberships.find(session.organizationId, record.adminId),
  ]);
  // A removed member's refresh tokens die with their membership.
  if (!user || !membership) throw invalid();
  assertOpenToMembers(organization, invalid);
  await deps.sessions.touchSession(session.id, now, client);
  return issueSessionTokens(deps, user, session);
};
