import type { ApiKeyRepository } from '../api-keys/ports.js';
import type { AuditLog } from '../audit/ports.js';
import { assertCan } from '../auth/authorize.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { removeAllMembers, type RemoveAllMembersDeps } from '../members/remove-all-members.js';
import type { Clock } from '../time.js';
import { organizationEvents } from '../webhooks/organization-events.js';
import { organizationBusy } from './conflicts.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { reachedStep, type StepHook } from './lifecycle-step.js';
import type { OldNameRepository } from './old-names.js';
import type { Organization } from './organization.js';
import type { OrganizationRepository, TenantStore } from './ports.js';
import { acceptsChanges } from './visibility.js';

export type DeletedOrganization = { organizationId: string; name: string };

export type FinishDeleteDeps = RemoveAllMembersDeps & {
  apiKeys: Pick<ApiKeyRepository, 'deleteByOrganization'>;
  organizations: Pick<OrganizationRepository, 'deleteById'>;
  tenants: Pick<TenantStore, 'drop'>;
  audit: Pick<AuditLog, 'deleteByOrganization'>;
  oldNames: Pick<OldNameRepository, 'deleteByOrganization'>;
  onStep?: StepHook | undefined;
  /**
   * Relays the organization's webhook outboxes (they live in the documents about to go), and
   * schedules its endpoints' removal for after its last event's retries.
   */
  relayWebhookEvents?: ((organizationId: string) => Promise<unknown>) | undefined;
  retireWebhookEndpoints?: ((organizationId: string) => Promise<unknown>) | undefined;
};

export type DeleteOrganizationDeps = FinishDeleteDeps &
  FindOrganizationDeps & { organizations: Pick<OrganizationRepository, 'compareAndSet'>; clock: Clock };

/**
 * Purges at once: marks the organization `deleting` first (it vanishes for readers and
 * its tokens stop working), then drops the tenant data, the memberships, invitations and
 * counters, the audit trail and finally the metadata, which frees the name.
 */
export const deleteOrganization = async (
  deps: DeleteOrganizationDeps,
  principal: AdminPrincipal,
  organizationName: string,
): Promise<DeletedOrganization> => {
  const organization = await findActiveOrganization(deps, organizationName);
  assertCan(principal, organization, 'org.delete');
  if (!acceptsChanges(organization)) throw organizationBusy(organization.name);

  const now = deps.clock.now();
  const deleting = await deps.organizations.compareAndSet(
    organization.id,
    organization.version,
    { state: 'deleting', updatedAt: now },
    organizationEvents.deleted(organization, now),
  );
  if (!deleting) throw organizationBusy(organization.name);
  await reachedStep(deps, 'delete:intent-recorded');
  await finishDelete(deps, deleting);
  return { organizationId: organization.id, name: organization.name };
};

/** Idempotent: safe to run again on an organization whose deletion was interrupted. */
export const finishDelete = async (
  deps: FinishDeleteDeps,
  organization: Organization,
  options: { keepCollection?: boolean } = {},
): Promise<void> => {
  // Member and invitation documents go below, with whatever events they still hold.
  await deps.relayWebhookEvents?.(organization.id);
  if (!options.keepCollection) await deps.tenants.drop(organization.collectionName);
  await reachedStep(deps, 'delete:collection-dropped');
  await removeAllMembers(deps, organization.id);
  await reachedStep(deps, 'delete:admins-deleted');
  // Refused since the organization left `active`; gone now, so nothing names a deleted organization.
  await deps.apiKeys.deleteByOrganization(organization.id);
  await deps.retireWebhookEndpoints?.(organization.id);
  // Its trail goes with it (emails, addresses); the call that purged it is recorded afterwards.
  await deps.audit.deleteByOrganization(organization.id);
  await reachedStep(deps, 'delete:audit-removed');
  // Old names it still held are free again.
  await deps.oldNames.deleteByOrganization(organization.id);
  // The record goes last: as long as it exists, recovery knows what is left to remove.
  await deps.organizations.deleteById(organization.id);
};
