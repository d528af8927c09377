import type { OrganizationRepository } from '../tenancy/ports.js';
import { isVisible } from '../tenancy/visibility.js';
import type { MembershipRepository } from './ports.js';
import type { Role } from './role.js';

export type MyOrganization = {
  organizationId: string;
  name: string;
  slug: string;
  role: Role;
  joinedAt: Date;
  /** The organization the caller's session acts in. */
  active: boolean;
};

export type ListMyOrganizationsDeps = {
  memberships: Pick<MembershipRepository, 'listByUser'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
};

/** Every organization the caller belongs to, with their role there, oldest membership first. */
export const listMyOrganizations = async (
  deps: ListMyOrganizationsDeps,
  principal: { adminId: string; organizationId: string },
): Promise<MyOrganization[]> => {
  const memberships = await deps.memberships.listByUser(principal.adminId);
  const organizations = await Promise.all(memberships.map((m) => deps.organizations.findById(m.organizationId)));
  return memberships.flatMap((membership, index) => {
    const organization = organizations[index];
    if (!isVisible(organization)) return [];
    return [
      {
        organizationId: organization.id,
        name: organization.name,
        slug: organization.slug,
        role: membership.role,
        joinedAt: membership.createdAt,
        active: organization.id === principal.organizationId,
      },
    ];
  });
};
