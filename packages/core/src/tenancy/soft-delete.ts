import { assertCan } from '../auth/authorize.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { generateRefreshToken, hashRefreshToken } from '../auth/refresh-token.js';
import { addSeconds, type Clock } from '../time.js';
import { organizationEvents } from '../webhooks/organization-events.js';
import { organizationBusy } from './conflicts.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { reachedStep, type StepHook } from './lifecycle-step.js';
import type { OrganizationRepository } from './ports.js';
import { acceptsChanges } from './visibility.js';

export type SoftDeletedOrganization = {
  organizationId: string;
  name: string;
  purgeAfter: Date;
  /** Shown once, to the owner who deleted; only its hash is stored. */
  restoreToken: string;
};

export type SoftDeleteOrganizationDeps = FindOrganizationDeps & {
  organizations: Pick<OrganizationRepository, 'compareAndSet'>;
  clock: Clock;
  /** How long a deleted organization can be restored before the purger drops it. */
  deletionGracePeriodSeconds: number;
  onStep?: StepHook | undefined;
};

/**
 * Deletes recoverably, in one compare-and-set: the organization becomes `deleted`, so it
 * vanishes for readers and its tokens and logins stop working at once, while its record
 * keeps the name reserved and its tenant data stays until the purge is due.
 */
export const softDeleteOrganization = async (
  deps: SoftDeleteOrganizationDeps,
  principal: AdminPrincipal,
  organizationName: string,
): Promise<SoftDeletedOrganization> => {
  const organization = await findActiveOrganization(deps, organizationName);
  assertCan(principal, organization, 'org.delete');
  if (!acceptsChanges(organization)) throw organizationBusy(organization.name);

  const now = deps.clock.now();
  const restoreToken = generateRefreshToken();
  const purgeAfter = addSeconds(now, deps.deletionGracePeriodSeconds);
  // The organization.deleted event rides in the same write as the change (the outbox).
  const deleted = await deps.organizations.compareAndSet(
    organization.id,
    organization.version,
    {
      state: 'deleted',
      deletion: { deletedAt: now, purgeAfter, restoreTokenHash: hashRefreshToken(restoreToken) },
      updatedAt: now,
    },
    organizationEvents.deleted(organization, now, purgeAfter),
  );
  if (!deleted) throw organizationBusy(organization.name);
  await reachedStep(deps, 'soft-delete:recorded');
  return { organizationId: organization.id, name: organization.name, purgeAfter, restoreToken };
};
