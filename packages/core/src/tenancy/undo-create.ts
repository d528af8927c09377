import type { Clock } from '../time.js';
import { finishDelete, type FinishDeleteDeps } from './delete-organization.js';
import type { Organization } from './organization.js';
import type { OrganizationRepository } from './ports.js';

export type UndoCreateDeps = FinishDeleteDeps & {
  organizations: Pick<OrganizationRepository, 'compareAndSet' | 'findRenamingFrom'>;
  clock: Clock;
};

/**
 * Rolls back a create that did not finish: the record moves from `provisioning` to
 * `deleting` by compare-and-set (so a create finishing at the same moment cannot
 * also activate it), then the deletion removes whatever exists. Idempotent.
 */
export const undoCreate = async (deps: UndoCreateDeps, organization: Organization): Promise<boolean> => {
  const deleting = await deps.organizations.compareAndSet(organization.id, organization.version, {
    state: 'deleting',
    updatedAt: deps.clock.now(),
  });
  if (!deleting) return false;
  // The collection may never have been ours: if an unfinished rename is still moving another
  // organization's data out of it (its name was just released), it must survive the undo.
  const movingOut = await deps.organizations.findRenamingFrom(deleting.collectionName);
  await finishDelete(deps, deleting, { keepCollection: movingOut !== null && movingOut.id !== deleting.id });
  return true;
};
