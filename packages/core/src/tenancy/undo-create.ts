import type { DomainDeps } from '../services.js';
import { finishDelete } from './delete-organization.js';
import type { Organization } from './organization.js';

/**
 * Rolls back a create that did not finish: the record moves from `provisioning` to
 * `deleting` by compare-and-set (so a create finishing at the same moment cannot
 * also activate it), then the deletion removes whatever exists. Idempotent.
 */
export const undoCreate = async (
  deps: Pick<DomainDeps, 'organizations' | 'admins' | 'tenants' | 'clock' | 'onStep'>,
  organization: Organization,
): Promise<boolean> => {
  const deleting = await deps.organizations.compareAndSet(organization.id, organization.version, {
    state: 'deleting',
    updatedAt: deps.clock.now(),
  });
  if (!deleting) return false;
  await finishDelete(deps, deleting);
  return true;
};
