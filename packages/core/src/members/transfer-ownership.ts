import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { UserRepository } from '../users/ports.js';
import { memberNotFound } from './member-errors.js';
import { toMemberView, type MemberView } from './member-view.js';
import { changeRoleSafely, type OwnerChangeDeps } from './owner-changes.js';
import { assertAllowed } from '../auth/authorize.js';
import type { MembershipRepository } from './ports.js';

export type TransferOwnershipDeps = OwnerChangeDeps & {
  memberships: Pick<MembershipRepository, 'find'>;
  users: Pick<UserRepository, 'findById'>;
};

/**
 * An owner hands ownership to another member and becomes an admin. The new owner is
 * made first, so the organization has an owner at every moment.
 */
export const transferOwnership = async (
  deps: TransferOwnershipDeps,
  principal: AdminPrincipal,
  userId: string,
): Promise<{ newOwner: MemberView; previousOwner: MemberView }> => {
  assertAllowed(principal, 'owners.manage');
  if (userId === principal.adminId) {
    throw new AppError('VALIDATION_FAILED', 'Transfer ownership to another member', { field: 'user_id' });
  }
  const [target, self] = await Promise.all([
    deps.memberships.find(principal.organizationId, userId),
    deps.memberships.find(principal.organizationId, principal.adminId),
  ]);
  if (!target) throw memberNotFound();
  if (!self) throw memberNotFound();
  const [targetUser, selfUser] = await Promise.all([deps.users.findById(userId), deps.users.findById(self.userId)]);
  if (!targetUser || !selfUser) throw memberNotFound();
  const promoted = await changeRoleSafely(deps, target, 'owner');
  const demoted = await changeRoleSafely(deps, self, 'admin');
  return { newOwner: toMemberView(promoted, targetUser), previousOwner: toMemberView(demoted, selfUser) };
};
