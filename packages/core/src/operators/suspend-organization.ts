import { AppError } from '../errors.js';
import { findOwner, type FindOwnerDeps } from '../members/find-owner.js';
import type { Clock } from '../time.js';
import { organizationBusy } from '../tenancy/conflicts.js';
import type { Organization } from '../tenancy/organization.js';
import type { OrganizationRepository } from '../tenancy/ports.js';

export type OperatorOrganizationDeps = FindOwnerDeps & {
  organizations: Pick<OrganizationRepository, 'findById' | 'compareAndSet'>;
  clock: Clock;
};

/** What an operator sees of one organization: its record and an owner's email (none once its members are gone). */
export type OperatorOrganization = { organization: Organization; adminEmail: string | null };

/** Any organization in any state, as only an operator may see it. */
export const readOrganization = async (
  deps: Omit<OperatorOrganizationDeps, 'clock'>,
  organizationId: string,
): Promise<OperatorOrganization> => {
  const organization = await deps.organizations.findById(organizationId);
  if (!organization) {
    throw new AppError('ORG_NOT_FOUND', `No organization with id "${organizationId}"`, { field: 'organization_id' });
  }
  // Mid-creation or mid-purge an organization may have no owner: the operator still sees it.
  const owner = await findOwner(deps, organization).catch(() => null);
  return { organization, adminEmail: owner?.email ?? null };
};

/**
 * Moves an organization between `active` and `suspended` by compare-and-set; asking for
 * the state it is already in changes nothing. Any other state is an operation in flight
 * or a deletion, which a suspension must not interleave with.
 */
const switchState = async (
  deps: OperatorOrganizationDeps,
  organizationId: string,
  from: 'active' | 'suspended',
  to: 'active' | 'suspended',
): Promise<OperatorOrganization> => {
  const { organization, adminEmail } = await readOrganization(deps, organizationId);
  if (organization.state === to) return { organization, adminEmail };
  if (organization.state !== from) {
    throw new AppError(
      'ORG_BUSY',
      `Organization "${organization.name}" is ${organization.state}; only an ${from} organization can become ${to}`,
    );
  }
  const changed = await deps.organizations.compareAndSet(organization.id, organization.version, {
    state: to,
    updatedAt: deps.clock.now(),
  });
  if (!changed) throw organizationBusy(organization.name);
  return { organization: changed, adminEmail };
};

export const suspendOrganization = (
  deps: OperatorOrganizationDeps,
  organizationId: string,
): Promise<OperatorOrganization> => switchState(deps, organizationId, 'active', 'suspended');

export const unsuspendOrganization = (
  deps: OperatorOrganizationDeps,
  organizationId: string,
): Promise<OperatorOrganization> => switchState(deps, organizationId, 'suspended', 'active');
