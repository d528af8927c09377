import { AppError } from '../errors.js';
import { assertRoleCan, type Permission } from '../members/permissions.js';
import type { Organization } from '../tenancy/organization.js';
import type { AdminPrincipal } from './principal.js';

/** The role allows it and, for an API key, the key holds it as a scope. */
export const assertAllowed = (principal: AdminPrincipal, permission: Permission): void => {
  // A key's scopes first: its refusal should name the scope, not a role it was never given.
  if (principal.apiKey && !principal.apiKey.scopes.includes(permission)) {
    throw new AppError('API_KEY_SCOPE_MISSING', `This API key lacks the ${permission} scope`, { permission });
  }
  assertRoleCan(principal.role, permission);
};

/** Refuses an API key where the operation is about a person (their password, sessions, memberships). */
export const assertPerson = (principal: AdminPrincipal, what: string): void => {
  if (principal.apiKey) {
    throw new AppError('API_KEY_NOT_ALLOWED', `API keys cannot ${what}: it is for signed-in people only`);
  }
};

/** A caller acts in their active organization only, and only as far as their role (and key scopes) allow. */
export const assertCan = (principal: AdminPrincipal, organization: Organization, permission: Permission): void => {
  if (principal.organizationId !== organization.id) {
    throw new AppError('FORBIDDEN', 'Only members of this organization may do this; switch to it first', {
      permission,
    });
  }
  assertAllowed(principal, permission);
};
