import type { AdminPrincipal } from '../auth/principal.js';
import type { UserRepository } from '../users/ports.js';
import { assertAllowed } from '../auth/authorize.js';
import { toMemberView, type MemberView } from './member-view.js';
import type { MembershipRepository } from './ports.js';

export type ListMembersDeps = {
  memberships: Pick<MembershipRepository, 'listByOrganization'>;
  users: Pick<UserRepository, 'findById'>;
};

/** The members of the caller's active organization with their roles, oldest first. */
export const listMembers = async (deps: ListMembersDeps, principal: AdminPrincipal): Promise<MemberView[]> => {
  assertAllowed(principal, 'members.read');
  const memberships = await deps.memberships.listByOrganization(principal.organizationId);
  const users = await Promise.all(memberships.map((membership) => deps.users.findById(membership.userId)));
  return memberships.flatMap((membership, index) => {
    const user = users[index];
    // A user removed halfway through an organization's deletion is no member to show.
    return user ? [toMemberView(membership, user)] : [];
  });
};
