import { finishDelete, type FinishDeleteDeps } from './delete-organization.js';
import type { Organization } from './organization.js';
import type { LeaseRepository, OrganizationRepository } from './ports.js';
import { finishRename, type RenameOrganizationDeps } from './rename-organization.js';
import { undoCreate, type UndoCreateDeps } from './undo-create.js';

export type ReconcileDeps = UndoCreateDeps &
  RenameOrganizationDeps &
  Pick<FinishDeleteDeps, 'relayWebhookEvents' | 'retireWebhookEndpoints'> & {
    organizations: Pick<OrganizationRepository, 'findUnsettled'>;
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
  failed: { organizationId: string; error: string }[];
};

export const reconcilerLease = 'lifecycle-reconciler';

/**
 * Finishes or undoes every interrupted lifecycle operation, reading only the
 * database: a create is rolled back, a rename or delete is carried forward.
 * Every step is idempotent and guarded by compare-and-set, and a lease keeps two
 * instances from reconciling at once.
 */
export const reconcileOrganizations = async (
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileReport> => {
  const report: ReconcileReport = { ran: false, rolledBack: [], completed: [], failed: [] };
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
        report.failed.push({
          organizationId: organization.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  } finally {
    await deps.leases.release(reconcilerLease, deps.instanceId).catch(() => undefined);
  }
  return report;
};

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
      return 'skipped';
  }
};
