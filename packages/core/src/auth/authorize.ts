import { AppError } from '../errors.js';
import { assertRoleCan, type Permission } from '../members/permissions.js';
import type { Organization } from '../tenancy/organization.js';
import type { AdminPrincipal } from './principal.js';

/** A caller acts in their active organization only, and only as far as their role allows. */
export const assertCan = (principal: AdminPrincipal, organization: Organization, permission: Permission): void => {
  if (principal.organizationId !== organization.id) {
    throw new AppError('FORBIDDEN', 'Only members of this organization may do this; switch to it first', {
      permission,
    });
  }
  assertRoleCan(principal.role, permission);
};
