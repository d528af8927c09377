import { finishDelete, type FinishDeleteDeps } from './delete-organization.js';
import type { Organization } from './organization.js';
import type { LeaseRepository, OrganizationRepository } from './ports.js';
import { purgeOrganization, type PurgeOrganizationDeps } from './purge-organization.js';
import { finishRename, type FinishRenameDeps } from './rename-organization.js';
import { undoCreate, type UndoCreateDeps } from './undo-create.js';

export type ReconcileDeps = UndoCreateDeps &
  FinishRenameDeps &
  PurgeOrganizationDeps &
  Pick<FinishDeleteDeps, 'relayWebhookEvents' | 'retireWebhookEndpoints'> & {
    organizations: Pick<OrganizationRepository, 'findUnsettled' | 'findDueForPurge'>;
    leases: LeaseRepository;
    /** Identifies this process as lease holder (e.g. host:pid:random). */
    instanceId: string;
  };

export type ReconcileOptions = {
  /**
   * Only operations untouched for this long are taken as interrupted; younger ones
   * may still be running in another request. Each step takes milliseconds.
   */
  staleAfterMs: number;
  batchSize?: number;
  leaseTtlMs?: number;
};

export type ReconcileReport = {
  /** False when another instance holds the lease; nothing was done. */
  ran: boolean;
  rolledBack: string[];
  completed: string[];
  /** Deleted organizations whose grace period had ended, now gone with their data. */
  purged: string[];
  failed: { organizationId: string; error: string }[];
};

export const reconcilerLease = 'lifecycle-reconciler';

/**
 * Finishes or undoes every interrupted lifecycle operation, reading only the
 * database: a create is rolled back, a rename or delete is carried forward.
 * Then it purges the deleted organizations whose grace period has ended.
 * Every step is idempotent and guarded by compare-and-set, and a lease keeps two
 * instances from reconciling at once.
 */
export const reconcileOrganizations = async (
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileReport> => {
  const report: ReconcileReport = { ran: false, rolledBack: [], completed: [], purged: [], failed: [] };
  const leaseTtlMs = options.leaseTtlMs ?? 60_000;
  if (!(await deps.leases.tryAcquire(reconcilerLease, deps.instanceId, leaseTtlMs))) return report;
  report.ran = true;
  try {
    const cutoff = new Date(deps.clock.now().getTime() - options.staleAfterMs);
    const unsettled = await deps.organizations.findUnsettled(cutoff, options.batchSize ?? 100);
    for (const organization of unsettled) {
      try {
        const outcome = await settle(deps, organization);
        if (outcome === 'rolled-back') report.rolledBack.push(organization.id);
        if (outcome === 'completed') report.completed.push(organization.id);
      } catch (error) {
        report.failed.push(failure(organization, error));
      }
    }
    // Purged after the settling above, so a purge interrupted in an earlier run is finished first.
    const due = await deps.organizations.findDueForPurge(deps.clock.now(), options.batchSize ?? 100);
    for (const organization of due) {
      try {
        if (await purgeOrganization(deps, organization)) report.purged.push(organization.id);
      } catch (error) {
        report.failed.push(failure(organization, error));
      }
    }
  } finally {
    await deps.leases.release(reconcilerLease, deps.instanceId).catch(() => undefined);
  }
  return report;
};

const failure = (organization: Organization, error: unknown) => ({
  organizationId: organization.id,
  error: error instanceof Error ? error.message : String(error),
});

const settle = async (
  deps: ReconcileDeps,
  organization: Organization,
): Promise<'rolled-back' | 'completed' | 'skipped'> => {
  switch (organization.state) {
    case 'provisioning':
      return (await undoCreate(deps, organization)) ? 'rolled-back' : 'skipped';
    case 'renaming':
      await finishRename(deps, organization);
      return 'completed';
    case 'deleting':
      await finishDelete(deps, organization);
      return 'completed';
    case 'active':
    case 'deleted':
    case 'suspended':
      return 'skipped';
  }
};
