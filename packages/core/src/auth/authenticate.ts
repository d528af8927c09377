import { AppError } from '../errors.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertNotSuspended, isVisible } from '../tenancy/visibility.js';
import type { AdminRepository, SessionRepository } from './ports.js';
import type { AdminPrincipal } from './principal.js';
import type { TokenService } from './tokens.js';

export type AuthenticateDeps = {
  tokens: Pick<TokenService, 'verifyAccessToken'>;
  admins: Pick<AdminRepository, 'findById'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
  sessions: Pick<SessionRepository, 'findSession'>;
};

const noLongerValid = () => new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');

/**
 * Verifies the token, then checks that it has not been revoked since it was issued:
 * the admin still exists with the same session version (password change, logout
 * everywhere), the session was not logged out, and the organization still exists.
 */
export const authenticate = async (deps: AuthenticateDeps, token: string): Promise<AdminPrincipal> => {
  const claims = await deps.tokens.verifyAccessToken(token);
  const [admin, session, organization] = await Promise.all([
    deps.admins.findById(claims.adminId),
    deps.sessions.findSession(claims.sessionId),
    deps.organizations.findById(claims.organizationId),
  ]);
  if (!admin || admin.organizationId !== claims.organizationId || admin.sessionVersion !== claims.sessionVersion) {
    throw noLongerValid();
  }
  if (!session || session.revokedAt || session.adminId !== admin.id) throw noLongerValid();
  assertNotSuspended(organization);
  if (!isVisible(organization)) throw noLongerValid();
  return { adminId: admin.id, organizationId: organization.id, sessionId: session.id };
};
