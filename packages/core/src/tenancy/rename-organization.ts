import { isAppError } from '../errors.js';
import { organizationEvents } from '../webhooks/organization-events.js';
import { addSeconds, type Clock } from '../time.js';
import { nameTaken, organizationBusy } from './conflicts.js';
import { reachedStep, type StepHook } from './lifecycle-step.js';
import { assertNotAnotherOldName, type OldNameRepository } from './old-names.js';
import type { NormalizedOrgName } from './org-name.js';
import type { Organization } from './organization.js';
import type { OrganizationRepository, TenantStore } from './ports.js';

export type FinishRenameDeps = {
  organizations: Pick<OrganizationRepository, 'compareAndSet'>;
  tenants: Pick<TenantStore, 'exists' | 'rename' | 'create'>;
  clock: Clock;
  onStep?: StepHook | undefined;
};

export type RenameOrganizationDeps = FinishRenameDeps & {
  oldNames: Pick<OldNameRepository, 'reserve' | 'findBySlug' | 'releaseExpired'>;
  /** How long an old name keeps leading to the organization and stays out of others' reach. */
  oldNameRetentionSeconds: number;
};

/**
 * Renames in three steps: point the metadata at the new names (the unique
 * indexes arbitrate, so a taken name changes nothing), move the tenant
 * collection, then mark the organization active again. `renamedFrom` records
 * where the data came from until the move is done. The old name is held as an
 * old name before the metadata lets go of it, so no one can take it in between.
 */
export const renameOrganization = async (
  deps: RenameOrganizationDeps,
  organization: Organization,
  next: NormalizedOrgName,
): Promise<Organization> => {
  if (next.slug === organization.slug) {
    // Same identity, new spelling ("Acme corp" -> "ACME Corp"): nothing to move.
    const now = deps.clock.now();
    return checked(
      await deps.organizations.compareAndSet(
        organization.id,
        organization.version,
        { name: next.name, updatedAt: now },
        organizationEvents.renamed({ ...organization, name: next.name }, organization.name, now),
      ),
      organization,
    );
  }

  const now = deps.clock.now();
  await deps.oldNames.reserve(
    {
      slug: organization.slug,
      name: organization.name,
      organizationId: organization.id,
      expiresAt: addSeconds(now, deps.oldNameRetentionSeconds),
    },
    now,
  );
  const renaming = checked(
    await claimNewName(deps, organization, next, {
      state: 'renaming',
      name: next.name,
      slug: next.slug,
      collectionName: next.collectionName,
      renamedFrom: { name: organization.name, slug: organization.slug, collectionName: organization.collectionName },
      updatedAt: now,
    }),
    organization,
  );
  try {
    await assertNotAnotherOldName(
      deps,
      { slug: next.slug, name: next.name, organizationId: organization.id, field: 'new_organization_name' },
      now,
    );
  } catch (error) {
    // Lost to a rename that let go of the name meanwhile. Nothing has moved yet: give it back.
    await deps.organizations.compareAndSet(renaming.id, renaming.version, {
      state: 'active',
      name: organization.name,
      slug: organization.slug,
      collectionName: organization.collectionName,
      renamedFrom: null,
      updatedAt: organization.updatedAt,
    });
    throw error;
  }
  await reachedStep(deps, 'rename:intent-recorded');
  return finishRename(deps, renaming);
};

/** Idempotent: safe to run again on an organization whose rename was interrupted. */
export const finishRename = async (deps: FinishRenameDeps, organization: Organization): Promise<Organization> => {
  const from = organization.renamedFrom;
  if (from && from.collectionName !== organization.collectionName) {
    const sourceExists = await deps.tenants.exists(from.collectionName);
    if (sourceExists) await deps.tenants.rename(from.collectionName, organization.collectionName);
    else await deps.tenants.create(organization.collectionName);
    await reachedStep(deps, 'rename:collection-moved');
  }
  const now = deps.clock.now();
  // The event rides on the write that ends the rename, which recovery makes too.
  return checked(
    await deps.organizations.compareAndSet(
      organization.id,
      organization.version,
      { state: 'active', renamedFrom: null, updatedAt: now },
      organizationEvents.renamed(organization, from?.name ?? organization.name, now),
    ),
    organization,
  );
};

/** The unique indexes decide who gets a contested name; the loser learns which field was at fault. */
const claimNewName = async (
  deps: Pick<FinishRenameDeps, 'organizations'>,
  organization: Organization,
  next: NormalizedOrgName,
  changes: Parameters<OrganizationRepository['compareAndSet']>[2],
) => {
  try {
    return await deps.organizations.compareAndSet(organization.id, organization.version, changes);
  } catch (error) {
    if (isAppError(error) && error.code === 'ORG_NAME_TAKEN') throw nameTaken(next.name, 'new_organization_name');
    throw error;
  }
};

const checked = (updated: Organization | null, before: Organization): Organization => {
  if (!updated) throw organizationBusy(before.name);
  return updated;
};
