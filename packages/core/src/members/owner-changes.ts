import type { Clock } from '../time.js';
import { memberEvents } from '../webhooks/member-events.js';
import { lastOwner, membershipChanged } from './member-errors.js';
import type { Membership } from './membership.js';
import type { MembershipRepository, OrganizationCounterRepository } from './ports.js';
import type { Role } from './role.js';
import type { RemovalReason } from '../webhooks/member-events.js';

export type OwnerChangeDeps = {
  memberships: Pick<MembershipRepository, 'changeRole' | 'remove'>;
  counters: Pick<OrganizationCounterRepository, 'adjust'>;
  clock: Clock;
};

/**
 * Takes one owner off the count before the owner goes, by a conditional write that
 * refuses the last one: of two owners demoting each other at once, exactly one wins.
 * If the change itself then finds the membership already changed, the count is given back.
 */
const withoutOneOwner = async <T>(deps: OwnerChangeDeps, organizationId: string, change: () => Promise<T | null>) => {
  if (!(await deps.counters.adjust(organizationId, 'owners', -1, { min: 1 }))) throw lastOwner();
  const changed = await change().catch(async (error: unknown) => {
    await deps.counters.adjust(organizationId, 'owners', 1).catch(() => undefined);
    throw error;
  });
  if (changed === null || changed === false) {
    await deps.counters.adjust(organizationId, 'owners', 1);
    throw membershipChanged();
  }
  return changed;
};

/** Changes a role by compare-and-set on the role it had, keeping the owner count right. */
export const changeRoleSafely = async (deps: OwnerChangeDeps, member: Membership, to: Role): Promise<Membership> => {
  const { organizationId, userId, role: from } = member;
  if (from === to) return member;
  const now = deps.clock.now();
  const events = memberEvents.roleChanged(member, to, now);
  if (from === 'owner') {
    return withoutOneOwner(deps, organizationId, () =>
      deps.memberships.changeRole(organizationId, userId, from, to, now, events),
    );
  }
  const changed = await deps.memberships.changeRole(organizationId, userId, from, to, now, events);
  if (!changed) throw membershipChanged();
  // Counted after the owner exists, so the count never exceeds the owners.
  if (to === 'owner') await deps.counters.adjust(organizationId, 'owners', 1);
  return changed;
};

/**
 * Ends a membership by compare-and-set on its role; an owner only if another remains. The
 * write that ends it also records member.removed (see MembershipRepository.remove).
 */
export const removeSafely = async (deps: OwnerChangeDeps, member: Membership, reason: RemovalReason): Promise<void> => {
  const { organizationId, userId, role } = member;
  const now = deps.clock.now();
  const remove = () =>
    deps.memberships.remove(organizationId, userId, role, now, memberEvents.removed(member, reason, now));
  if (role === 'owner') {
    await withoutOneOwner(deps, organizationId, remove);
  } else if (!(await remove())) {
    throw membershipChanged();
  }
  // Lowered after the member is gone: the count never falls below the real number.
  await deps.counters.adjust(organizationId, 'members', -1);
};
