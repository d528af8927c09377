import { AppError } from '../errors.js';
import type { Organization } from '../tenancy/organization.js';
import type { AdminPrincipal } from './principal.js';

/** An admin manages exactly one organization: its own. */
export const assertCanManage = (principal: AdminPrincipal, organization: Organization): void => {
  if (principal.organizationId !== organization.id) {
    throw new AppError('FORBIDDEN', 'Only the admin of this organization may change or delete it');
  }
};
