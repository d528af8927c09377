import { describe, expect, it } from 'vitest';

import type { Membership } from './membership.js';
import { changeRoleSafely, removeSafely, type OwnerChangeDeps } from './owner-changes.js';
import type { OrganizationCounter } from './ports.js';
import type { Role } from './role.js';

/** In-memory memberships and counters with the repositories' compare-and-set semantics. */
const fakeOrganization = (roleOf: Record<string, Role>) => {
  const memberships = new Map<string, Membership>(
    Object.entries(roleOf).map(([userId, role]) => [
      userId,
      { organizationId: 'org', userId, role, createdAt: new Date(0), updatedAt: new Date(0) },
    ]),
  );
  const counts: Record<OrganizationCounter, number> = {
    owners: Object.values(roleOf).filter((role) => role === 'owner').length,
    members: memberships.size,
    pendingInvitations: 0,
  };
  const deps: OwnerChangeDeps = {
    clock: { now: () => new Date(1) },
    memberships: {
      changeRole: async (_org, userId, from, to) => {
        const current = memberships.get(userId);
        if (current?.role !== from) return null;
        const next = { ...current, role: to };
        memberships.set(userId, next);
        return next;
      },
      remove: async (_org, userId, role) => memberships.get(userId)?.role === role && memberships.delete(userId),
    },
    counters: {
      adjust: async (_org, counter, by, bounds = {}) => {
        const next = counts[counter] + by;
        if (next < (bounds.min ?? 0) || (bounds.max !== undefined && next > bounds.max)) return false;
        counts[counter] = next;
        return true;
      },
    },
  };
  const owners = () => [...memberships.values()].filter((m) => m.role === 'owner').length;
  return { deps, memberships, counts, owners };
};

describe('owner changes', () => {
  it('refuses to demote or remove the last owner, changing nothing', async () => {
    const org = fakeOrganization({ a: 'owner', b: 'member' });
    const a = org.memberships.get('a')!;
    await expect(changeRoleSafely(org.deps, a, 'admin')).rejects.toMatchObject({ code: 'LAST_OWNER' });
    await expect(removeSafely(org.deps, a, 'removed')).rejects.toMatchObject({ code: 'LAST_OWNER' });
    expect([org.owners(), org.counts.owners, org.counts.members]).toEqual([1, 1, 2]);
  });

  it('keeps one owner when two owners demote each other at once', async () => {
    const org = fakeOrganization({ a: 'owner', b: 'owner' });
    const outcomes = await Promise.allSettled([
      changeRoleSafely(org.deps, org.memberships.get('a')!, 'admin'),
      changeRoleSafely(org.deps, org.memberships.get('b')!, 'admin'),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect([org.owners(), org.counts.owners]).toEqual([1, 1]);
  });

  it('gives the owner count back when the membership changed meanwhile', async () => {
    const org = fakeOrganization({ a: 'owner', b: 'owner', c: 'owner' });
    const stale = org.memberships.get('b')!;
    await changeRoleSafely(org.deps, stale, 'admin');
    // `stale` still says owner: the count goes down, the role compare-and-set fails, the count comes back.
    await expect(removeSafely(org.deps, stale, 'removed')).rejects.toMatchObject({ code: 'MEMBERSHIP_CHANGED' });
    await expect(changeRoleSafely(org.deps, stale, 'member')).rejects.toMatchObject({ code: 'MEMBERSHIP_CHANGED' });
    expect([org.owners(), org.counts.owners, org.memberships.get('b')?.role]).toEqual([2, 2, 'admin']);
  });

  it('counts a new owner only once it exists, and a removed member once gone', async () => {
    const org = fakeOrganization({ a: 'owner', b: 'member' });
    await changeRoleSafely(org.deps, org.memberships.get('b')!, 'owner');
    expect(org.counts.owners).toBe(2);
    await removeSafely(org.deps, org.memberships.get('a')!, 'left');
    expect([org.owners(), org.counts.owners, org.counts.members]).toEqual([1, 1, 1]);
  });
});
