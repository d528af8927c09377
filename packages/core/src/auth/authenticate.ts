import { AppError } from '../errors.js';
import type { DomainDeps } from '../services.js';
import type { AdminPrincipal } from './principal.js';

const noLongerValid = () => new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');

/**
 * Verifies the token, then checks that it has not been revoked since it was issued:
 * the admin still exists with the same session version (password change, logout
 * everywhere), the session was not logged out, and the organization still exists.
 */
export const authenticate = async (
  deps: Pick<DomainDeps, 'tokens' | 'admins' | 'organizations' | 'sessions'>,
  token: string,
): Promise<AdminPrincipal> => {
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
  if (!organization || organization.state === 'provisioning' || organization.state === 'deleting') {
    throw noLongerValid();
  }
  return { adminId: admin.id, organizationId: organization.id, sessionId: session.id };
};
