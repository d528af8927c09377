import { AppError } from '../errors.js';
import type { DomainDeps } from '../services.js';
import type { AdminPrincipal } from './principal.js';

const noLongerValid = () => new AppError('UNAUTHENTICATED', 'Access token is no longer valid; log in again');

/**
 * Verifies the token and checks that its admin and organization still exist,
 * so a deleted organization's tokens stop working at once, not at expiry.
 */
export const authenticate = async (
  deps: Pick<DomainDeps, 'tokens' | 'admins' | 'organizations'>,
  token: string,
): Promise<AdminPrincipal> => {
  const claims = await deps.tokens.verifyAccessToken(token);
  const admin = await deps.admins.findById(claims.adminId);
  if (!admin || admin.organizationId !== claims.organizationId) throw noLongerValid();
  const organization = await deps.organizations.findById(claims.organizationId);
  if (!organization || organization.state === 'provisioning' || organization.state === 'deleting') {
    throw noLongerValid();
  }
  return { adminId: admin.id, organizationId: organization.id };
};
