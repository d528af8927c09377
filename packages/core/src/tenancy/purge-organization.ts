import { organizationEvents } from '../webhooks/organization-events.js';
import { assertCan, assertPerson } from '../auth/authorize.js';
import type { AdminPrincipal } from '../auth/principal.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError } from '../errors.js';
import type { Clock } from '../time.js';
import { organizationBusy } from './conflicts.js';
import {
  deleteOrganization,
  finishDelete,
  type DeletedOrganization,
  type DeleteOrganizationDeps,
  type FinishDeleteDeps,
} from './delete-organization.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { reachedStep } from './lifecycle-step.js';
import { normalizeOrgName } from './org-name.js';
import type { Organization } from './organization.js';
import { assertOwnerOf, findRestorableOrganization, type OwnerProof, type VerifyOwnerDeps } from './owner-proof.js';
import type { OrganizationRepository } from './ports.js';

export type PurgeOrganizationDeps = FinishDeleteDeps & {
  organizations: Pick<OrganizationRepository, 'compareAndSet'>;
  clock: Clock;
};

/**
 * Drops a deleted organization for good: `deleted` becomes `deleting` by compare-and-set
 * (so a restore at the same moment and this purge cannot both win), then the deletion
 * removes the data, the memberships and invitations, the trail and last the record, which frees the name. Interrupted,
 * the reconciler carries it forward like any deletion. False when the organization
 * changed first (restored, or purged by another caller).
 */
export const purgeOrganization = async (deps: PurgeOrganizationDeps, organization: Organization): Promise<boolean> => {
  const now = deps.clock.now();
  const purging = await deps.organizations.compareAndSet(
    organization.id,
    organization.version,
    { state: 'deleting', updatedAt: now },
    organizationEvents.purged(organization, now),
  );
  if (!purging) return false;
  await reachedStep(deps, 'purge:intent-recorded');
  await finishDelete(deps, purging);
  return true;
};

/** An immediate purge needs the organization's name repeated in `confirm_purge`: no purge by accident. */
const assertPurgeConfirmed = (deps: FindOrganizationDeps, organization: Organization, confirmation: string) => {
  const field = 'confirm_purge';
  const confirmed = normalizeOrgName(confirmation, { databaseName: deps.tenantDatabaseName, field });
  if (confirmed.slug !== organization.slug) {
    throw new AppError(
      'VALIDATION_FAILED',
      `confirm_purge must repeat the organization's name ("${organization.name}") to purge its data at once`,
      { field },
    );
  }
};

export type PurgeNowInput = { organizationName: string; confirmation: string };

/** The owner drops an active organization and its data at once, skipping the grace period. */
export const purgeOrganizationNow = async (
  deps: DeleteOrganizationDeps,
  principal: AdminPrincipal,
  input: PurgeNowInput,
): Promise<DeletedOrganization> => {
  const organization = await findActiveOrganization(deps, input.organizationName);
  assertCan(principal, organization, 'org.delete');
  // A key may soft delete (restorable); dropping the data for good takes the owner in person.
  assertPerson(principal, 'purge an organization');
  assertPurgeConfirmed(deps, organization, input.confirmation);
  return deleteOrganization(deps, principal, input.organizationName);
};

export type PurgeDeletedInput = PurgeNowInput & { proof: OwnerProof; client?: ClientInfo };

export type PurgeDeletedOrganizationDeps = PurgeOrganizationDeps & FindOrganizationDeps & VerifyOwnerDeps;

/** The owner of a deleted organization purges it before its grace period ends. */
export const purgeDeletedOrganization = async (
  deps: PurgeDeletedOrganizationDeps,
  input: PurgeDeletedInput,
): Promise<DeletedOrganization> => {
  const organization = await findRestorableOrganization(deps, input.organizationName, deps.clock.now());
  assertPurgeConfirmed(deps, organization, input.confirmation);
  await assertOwnerOf(deps, organization, input.proof, input.client);
  if (!(await purgeOrganization(deps, organization))) throw organizationBusy(organization.name);
  return { organizationId: organization.id, name: organization.name };
};
