import { AppError } from '../errors.js';
import { findActiveOrganization, type FindOrganizationDeps } from '../tenancy/find-organization.js';
import type { Organization } from '../tenancy/organization.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertNotSuspended, isVisible } from '../tenancy/visibility.js';
import type { Membership } from './membership.js';
import type { MembershipRepository } from './ports.js';

export type ChooseOrganizationDeps = FindOrganizationDeps & {
  organizations: Pick<OrganizationRepository, 'findById'>;
  memberships: Pick<MembershipRepository, 'find' | 'listByUser'>;
};

export const notAMember = (field = 'organization_name') =>
  new AppError('FORBIDDEN', 'You are not a member of this organization', { field });

/**
 * The organization a session of this user acts in: the one named (which the user must
 * belong to), else the oldest of their memberships whose organization exists. `none`
 * is the error when there is none (login keeps its one generic failure for it).
 */
export const chooseActiveOrganization = async (
  deps: ChooseOrganizationDeps,
  userId: string,
  organizationName: string | undefined,
  none: () => AppError = noOrganization,
): Promise<Organization & { membership: Membership }> => {
  if (organizationName !== undefined) {
    const organization = await findActiveOrganization(deps, organizationName);
    const membership = await deps.memberships.find(organization.id, userId);
    if (!membership) throw notAMember();
    return { ...organization, membership };
  }
  let suspended: Organization | undefined;
  for (const membership of await deps.memberships.listByUser(userId)) {
    const organization = await deps.organizations.findById(membership.organizationId);
    if (organization?.state === 'suspended') suspended ??= organization;
    else if (isVisible(organization)) return { ...organization, membership };
  }
  // Only suspended organizations left: say so (to whoever proved who they are) rather than "none".
  assertNotSuspended(suspended);
  throw none();
};

const noOrganization = () =>
  new AppError('FORBIDDEN', 'This account belongs to no organization any more; ask for an invitation');
