import type { AdminPrincipal } from '../auth/principal.js';
import { memberNotFound } from './member-errors.js';
import { removeSafely, type OwnerChangeDeps } from './owner-changes.js';
import { assertAllowed } from '../auth/authorize.js';
import type { MembershipRepository } from './ports.js';

export type RemoveMemberDeps = OwnerChangeDeps & { memberships: Pick<MembershipRepository, 'find'> };

export type RemovedMember = { organizationId: string; userId: string };

/**
 * Owners and admins remove members; only owners remove an owner, never the last one.
 * Removing oneself is leaving. The removed member's tokens stop working at once
 * (authentication reads the membership on every request, and a removed one is not found).
 */
export const removeMember = async (
  deps: RemoveMemberDeps,
  principal: AdminPrincipal,
  userId: string,
): Promise<RemovedMember> => {
  if (userId !== principal.adminId) assertAllowed(principal, 'members.remove');
  const member = await deps.memberships.find(principal.organizationId, userId);
  if (!member) throw memberNotFound();
  if (userId !== principal.adminId && member.role === 'owner') assertAllowed(principal, 'owners.manage');
  await removeSafely(deps, member, userId === principal.adminId ? 'left' : 'removed');
  return { organizationId: member.organizationId, userId };
};

/** The caller leaves their active organization (its last owner cannot). */
export const leaveOrganization = (deps: RemoveMemberDeps, principal: AdminPrincipal): Promise<RemovedMember> =>
  removeMember(deps, principal, principal.adminId);
