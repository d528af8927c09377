import type { Clock } from '../time.js';
import { lastOwner, membershipChanged } from './member-errors.js';
import type { Membership } from './membership.js';
import type { MembershipRepository, OwnerCountRepository } from './ports.js';
import type { Role } from './role.js';

export type OwnerChangeDeps = {
  memberships: Pick<MembershipRepository, 'changeRole' | 'remove'>;
  ownerCounts: Pick<OwnerCountRepository, 'decrementIfNotLast' | 'increment'>;
  clock: Clock;
};

/**
 * Takes one owner off the count before the owner goes, by a conditional write that
 * refuses the last one: of two owners demoting each other at once, exactly one wins.
 * If the change itself then finds the membership already changed, the count is given back.
 */
const withoutOneOwner = async <T>(deps: OwnerChangeDeps, organizationId: string, change: () => Promise<T | null>) => {
  if (!(await deps.ownerCounts.decrementIfNotLast(organizationId))) throw lastOwner();
  const changed = await change().catch(async (error: unknown) => {
    await deps.ownerCounts.increment(organizationId).catch(() => undefined);
    throw error;
  });
  if (changed === null || changed === false) {
    await deps.ownerCounts.increment(organizationId);
    throw membershipChanged();
  }
  return changed;
};

/** Changes a role by compare-and-set on the role it had, keeping the owner count right. */
export const changeRoleSafely = async (deps: OwnerChangeDeps, member: Membership, to: Role): Promise<Membership> => {
  const { organizationId, userId, role: from } = member;
  if (from === to) return member;
  const now = deps.clock.now();
  if (from === 'owner') {
    return withoutOneOwner(deps, organizationId, () =>
      deps.memberships.changeRole(organizationId, userId, from, to, now),
    );
  }
  const changed = await deps.memberships.changeRole(organizationId, userId, from, to, now);
  if (!changed) throw membershipChanged();
  // Counted after the owner exists, so the count never exceeds the owners.
  if (to === 'owner') await deps.ownerCounts.increment(organizationId);
  return changed;
};

/** Ends a membership by compare-and-set on its role; an owner only if another remains. */
export const removeSafely = async (deps: OwnerChangeDeps, member: Membership): Promise<void> => {
  const { organizationId, userId, role } = member;
  if (role === 'owner') {
    await withoutOneOwner(deps, organizationId, () => deps.memberships.remove(organizationId, userId, role));
    return;
  }
  if (!(await deps.memberships.remove(organizationId, userId, role))) throw membershipChanged();
};
