import { looksLikeApiKey } from '../api-keys/api-key-secret.js';
import { authenticateApiKey, type AuthenticateApiKeyDeps } from '../api-keys/authenticate-api-key.js';
import { AppError } from '../errors.js';
import type { MembershipRepository } from '../members/ports.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertOpenToMembers } from '../tenancy/visibility.js';
import type { UserRepository } from '../users/ports.js';
import type { SessionRepository } from './ports.js';
import type { AdminPrincipal } from './principal.js';
import type { TokenService } from './tokens.js';

export type AuthenticateDeps = AuthenticateApiKeyDeps & {
  tokens: Pick<TokenService, 'verifyAccessToken'>;
  users: Pick<UserRepository, 'findById'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
  sessions: Pick<SessionRepository, 'findSession'>;
  memberships: Pick<MembershipRepository, 'find'>;
};

const noLongerValid = () => new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');

/**
 * Verifies the token (or hands an API key to authenticateApiKey), then checks that it has not been revoked since it was issued:
 * the user still exists with the same session version (password change, logout
 * everywhere), the session was not logged out, the organization still exists and the
 * user is still its member. The role comes from the membership, not the token, so
 * removing a member or lowering their role counts on their very next request.
 */
export const authenticate = async (deps: AuthenticateDeps, token: string): Promise<AdminPrincipal> => {
  // The same header carries access tokens (JWTs) and API keys; a key names itself by its prefix.
  if (looksLikeApiKey(token)) return authenticateApiKey(deps, token);
  const claims = await deps.tokens.verifyAccessToken(token);
  const [user, session, organization, membership] = await Promise.all([
    deps.users.findById(claims.adminId),
    deps.sessions.findSession(claims.sessionId),
    deps.organizations.findById(claims.organizationId),
    deps.memberships.find(claims.organizationId, claims.adminId),
  ]);
  if (!user || user.sessionVersion !== claims.sessionVersion) throw noLongerValid();
  if (!session || session.revokedAt || session.adminId !== user.id) throw noLongerValid();
  if (session.organizationId !== claims.organizationId) throw noLongerValid();
  assertOpenToMembers(organization, noLongerValid);
  if (!membership) throw noLongerValid();
  return { adminId: user.id, organizationId: organization.id, sessionId: session.id, role: membership.role };
};
