import { assertCan, assertPerson } from '../auth/authorize.js';
import { normalizeEmail } from '../auth/email.js';
import { assertPasswordPolicy, type PasswordHasher } from '../auth/password.js';
import type { SessionRepository } from '../auth/ports.js';
import { findOwner, type FindOwnerDeps } from '../members/find-owner.js';
import type { UserRepository } from '../users/ports.js';
import type { User } from '../users/user.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { emailTaken, nameTaken, organizationBusy } from './conflicts.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { assertNotAnotherOldName } from './old-names.js';
import { normalizeOrgName } from './org-name.js';
import { toOrganizationView, type OrganizationView } from './organization.js';
import { renameOrganization, type RenameOrganizationDeps } from './rename-organization.js';
import { acceptsChanges } from './visibility.js';

export type UpdateOrganizationInput = {
  organizationName: string;
  newOrganizationName?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
};

export type UpdateOrganizationDeps = FindOrganizationDeps &
  RenameOrganizationDeps &
  FindOwnerDeps & {
    users: Pick<UserRepository, 'findById' | 'findByEmail' | 'update'>;
    sessions: Pick<SessionRepository, 'revokeAllSessions'>;
    passwords: Pick<PasswordHasher, 'hash'>;
  };

/**
 * Validates everything and checks both uniqueness constraints before the first
 * write, so an ordinary conflict leaves the organization exactly as it was.
 */
export const updateOrganization = async (
  deps: UpdateOrganizationDeps,
  principal: AdminPrincipal,
  input: UpdateOrganizationInput,
): Promise<OrganizationView> => {
  if (input.newOrganizationName === undefined && input.email === undefined && input.password === undefined) {
    throw new AppError('VALIDATION_FAILED', 'Nothing to update: give new_organization_name, email or password', {
      field: 'new_organization_name',
    });
  }
  const organization = await findActiveOrganization(deps, input.organizationName);
  // Renaming is the owners'; email and password are the caller's own, changed here as the
  // original contract's single admin (now an owner) did.
  if (input.newOrganizationName !== undefined) assertCan(principal, organization, 'org.rename');
  if (input.email !== undefined || input.password !== undefined) {
    assertCan(principal, organization, 'org.settings');
    assertPerson(principal, "change a person's email or password");
  }
  if (!acceptsChanges(organization)) throw organizationBusy(organization.name);

  const next =
    input.newOrganizationName === undefined
      ? undefined
      : normalizeOrgName(input.newOrganizationName, {
          databaseName: deps.tenantDatabaseName,
          field: 'new_organization_name',
        });
  const email = input.email === undefined ? undefined : normalizeEmail(input.email);
  if (input.password !== undefined) assertPasswordPolicy(input.password);

  // Only a change of the caller's own credentials needs the caller as a user (an API key renames without one).
  const admin =
    email === undefined && input.password === undefined ? null : await deps.users.findById(principal.adminId);
  if (!admin && (email !== undefined || input.password !== undefined))
    throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');

  if (next && next.slug !== organization.slug) {
    const holder = await deps.organizations.findBySlug(next.slug);
    if (holder) throw nameTaken(next.name, 'new_organization_name');
    const target = {
      slug: next.slug,
      name: next.name,
      organizationId: organization.id,
      field: 'new_organization_name',
    };
    await assertNotAnotherOldName(deps, target, deps.clock.now());
  }
  if (email !== undefined && email !== admin?.email) {
    const holder = await deps.users.findByEmail(email);
    if (holder) throw emailTaken();
  }

  const adminChanges: Partial<Pick<User, 'email' | 'passwordHash' | 'updatedAt'>> = {};
  if (email !== undefined) adminChanges.email = email;
  if (input.password !== undefined) adminChanges.passwordHash = await deps.passwords.hash(input.password);

  const renamed = next ? await renameOrganization(deps, organization, next) : organization;
  if (admin && Object.keys(adminChanges).length > 0) {
    const now = deps.clock.now();
    adminChanges.updatedAt = now;
    // A new password ends every session, the caller's included: whoever knew the old one is out.
    const revokeSessions = adminChanges.passwordHash !== undefined;
    await deps.users.update(admin.id, adminChanges, { revokeSessions });
    if (revokeSessions) await deps.sessions.revokeAllSessions(admin.id, now);
  }
  return toOrganizationView(renamed, await findOwner(deps, renamed));
};
