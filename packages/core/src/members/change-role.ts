import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { UserRepository } from '../users/ports.js';
import { memberNotFound } from './member-errors.js';
import { toMemberView, type MemberView } from './member-view.js';
import { changeRoleSafely, type OwnerChangeDeps } from './owner-changes.js';
import { assertAllowed } from '../auth/authorize.js';
import type { MembershipRepository } from './ports.js';
import { outranks, type Role } from './role.js';

export type ChangeRoleDeps = OwnerChangeDeps & {
  memberships: Pick<MembershipRepository, 'find'>;
  users: Pick<UserRepository, 'findById'>;
};

/**
 * Owners and admins change roles: admins up to admin and never an owner's; only owners
 * make or unmake owners. Nobody raises their own role; lowering it is allowed.
 */
export const changeRole = async (
  deps: ChangeRoleDeps,
  principal: AdminPrincipal,
  input: { userId: string; role: Role },
): Promise<MemberView> => {
  const self = input.userId === principal.adminId;
  if (self && outranks(input.role, principal.role)) {
    throw new AppError('FORBIDDEN', 'Nobody can raise their own role', { field: 'role' });
  }
  if (!self) assertAllowed(principal, 'members.changeRole');
  const member = await deps.memberships.find(principal.organizationId, input.userId);
  if (!member) throw memberNotFound();
  if (!self && (member.role === 'owner' || input.role === 'owner')) assertAllowed(principal, 'owners.manage');
  const user = await deps.users.findById(member.userId);
  if (!user) throw memberNotFound();
  return toMemberView(await changeRoleSafely(deps, member, input.role), user);
};
