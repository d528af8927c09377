import { describe, expect, it } from 'vitest';

import type {
  Membership,
  MembershipRepository,
  Organization,
  OrganizationRepository,
  Session,
  SessionRepository,
  User,
  UserRepository,
} from '@orgsphere/core';

import type { CacheInvalidation, CacheInvalidationBus } from '../../src/caching/cache-invalidation.js';
import { cacheRepositories } from '../../src/caching/cached-repositories.js';

const organization: Organization = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  collectionName: 'org_acme',
  adminId: 'admin-1',
  state: 'active',
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const admin: User = {
  id: 'admin-1',
  email: 'a@acme.test',
  passwordHash: 'h',
  displayName: 'a',
  sessionVersion: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const membership: Membership = {
  organizationId: 'org-1',
  userId: 'admin-1',
  role: 'owner',
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const session: Session = {
  id: 'session-1',
  adminId: 'admin-1',
  organizationId: 'org-1',
  createdAt: new Date(0),
  lastUsedAt: new Date(0),
  expiresAt: new Date(8.64e15),
  userAgent: null,
  ip: null,
  revokedAt: null,
};

/** In-memory stores that count reads, standing in for the database in this unit test. */
const fakeStores = () => {
  const organizations = new Map([[organization.id, { ...organization }]]);
  const admins = new Map([[admin.id, { ...admin }]]);
  const sessions = new Map([[session.id, { ...session }]]);
  const memberships = new Map([['org-1:admin-1', { ...membership }]]);
  const reads = { organizations: 0, admins: 0, memberships: 0, sessions: 0 };
  let pause: Promise<void> | undefined;
  const read = async <T>(kind: keyof typeof reads, value: T) => {
    reads[kind] += 1;
    const copy = value && structuredClone(value);
    await pause;
    return copy;
  };
  const inner = {
    organizations: {
      findById: (id) => read('organizations', organizations.get(id) ?? null),
      findBySlug: (slug) => read('organizations', [...organizations.values()].find((o) => o.slug === slug) ?? null),
      compareAndSet: async (id, version, changes) => {
        const current = organizations.get(id);
        if (!current || current.version !== version) return null;
        const next = { ...current, ...changes, version: version + 1 };
        organizations.set(id, next);
        return next;
      },
      deleteById: async (id) => void organizations.delete(id),
    } as OrganizationRepository,
    users: {
      findById: (id) => read('admins', admins.get(id) ?? null),
      update: async (id, changes, options) => {
        const current = admins.get(id)!;
        const next = {
          ...current,
          ...changes,
          sessionVersion: current.sessionVersion + (options?.revokeSessions ? 1 : 0),
        };
        admins.set(id, next);
        return next;
      },
    } as UserRepository,
    memberships: {
      find: (organizationId, userId) => read('memberships', memberships.get(`${organizationId}:${userId}`) ?? null),
      changeRole: async (organizationId, userId, from, to) => {
        const current = memberships.get(`${organizationId}:${userId}`);
        if (current?.role !== from) return null;
        const next = { ...current, role: to };
        memberships.set(`${organizationId}:${userId}`, next);
        return next;
      },
    } as Partial<MembershipRepository> as MembershipRepository,
    sessions: {
      findSession: (id) => read('sessions', sessions.get(id) ?? null),
      revokeSession: async (id, at) => void sessions.set(id, { ...sessions.get(id)!, revokedAt: at }),
      revokeAllSessions: async (adminId, at) => {
        for (const [id, s] of sessions) if (s.adminId === adminId) sessions.set(id, { ...s, revokedAt: at });
      },
    } as SessionRepository,
  };
  return {
    inner,
    reads,
    organizations,
    setPause: (p: Promise<void> | undefined) => {
      pause = p;
    },
  };
};

const loopbackBus = () => {
  const handlers: ((m: CacheInvalidation) => void)[] = [];
  const published: CacheInvalidation[] = [];
  const bus: CacheInvalidationBus = {
    publish: async (m) => void published.push(m),
    subscribe: (h) => void handlers.push(h),
  };
  return { bus, published, deliver: (m: CacheInvalidation) => handlers.forEach((h) => h(m)) };
};

describe('cacheRepositories', () => {
  it('serves repeated reads from memory', async () => {
    const { inner, reads } = fakeStores();
    const cached = cacheRepositories(inner, { ttlMs: 60_000 });
    await cached.organizations.findBySlug('acme');
    expect(await cached.organizations.findBySlug('acme')).toMatchObject({ id: 'org-1' });
    expect(await cached.organizations.findById('org-1')).toMatchObject({ slug: 'acme' });
    await cached.users.findById('admin-1');
    await cached.users.findById('admin-1');
    await cached.memberships.find('org-1', 'admin-1');
    await cached.memberships.find('org-1', 'admin-1');
    expect(reads).toEqual({ organizations: 1, admins: 1, memberships: 1, sessions: 0 });
  });

  it('sees its own renames, deletes, revocations and password changes at once', async () => {
    const { inner } = fakeStores();
    const { bus, published } = loopbackBus();
    const cached = cacheRepositories(inner, { ttlMs: 60_000, bus });
    await cached.organizations.findBySlug('acme');
    await cached.organizations.compareAndSet('org-1', 1, { name: 'Acme 2', slug: 'acme_2' });
    expect(await cached.organizations.findBySlug('acme')).toBeNull();
    expect(await cached.organizations.findBySlug('acme_2')).toMatchObject({ id: 'org-1', version: 2 });

    await cached.sessions.findSession('session-1');
    await cached.sessions.revokeSession('session-1', new Date(1));
    expect((await cached.sessions.findSession('session-1'))?.revokedAt).toEqual(new Date(1));

    await cached.users.findById('admin-1');
    await cached.users.update('admin-1', { passwordHash: 'h2' }, { revokeSessions: true });
    expect((await cached.users.findById('admin-1'))?.sessionVersion).toBe(2);

    // A role change counts on the member's very next request.
    await cached.memberships.find('org-1', 'admin-1');
    await cached.memberships.changeRole('org-1', 'admin-1', 'owner', 'member', new Date(1));
    expect((await cached.memberships.find('org-1', 'admin-1'))?.role).toBe('member');

    await cached.organizations.deleteById('org-1');
    expect(await cached.organizations.findById('org-1')).toBeNull();
    expect(published.map((m) => m.kind)).toEqual(['organization', 'session', 'user', 'membership', 'organization']);
  });

  it('does not cache a read that overlapped a write', async () => {
    const { inner, setPause } = fakeStores();
    const cached = cacheRepositories(inner, { ttlMs: 60_000 });
    let release!: () => void;
    setPause(new Promise<void>((resolve) => (release = resolve)));
    const staleRead = cached.organizations.findBySlug('acme');
    setPause(undefined);
    await cached.organizations.deleteById('org-1');
    release();
    expect(await staleRead).toMatchObject({ id: 'org-1' });
    expect(await cached.organizations.findBySlug('acme')).toBeNull();
  });

  it('forgets on a message from another instance, and after the TTL', async () => {
    const { inner, reads, organizations } = fakeStores();
    const { bus, deliver } = loopbackBus();
    let now = 0;
    const cached = cacheRepositories(inner, { ttlMs: 1_000, bus, now: () => now });
    await cached.organizations.findById('org-1');
    organizations.set('org-1', { ...organization, name: 'Renamed elsewhere', version: 2 });
    expect((await cached.organizations.findById('org-1'))?.name).toBe('Acme');
    deliver({ kind: 'organization', id: 'org-1' });
    expect((await cached.organizations.findById('org-1'))?.name).toBe('Renamed elsewhere');
    organizations.set('org-1', { ...organization, name: 'Again', version: 3 });
    now = 1_000;
    expect((await cached.organizations.findById('org-1'))?.name).toBe('Again');
    expect(reads.organizations).toBe(3);
  });

  it('refreshes an expired slug entry by id, and still finds a renamed or replaced slug', async () => {
    const { inner, organizations } = fakeStores();
    let now = 0;
    const cached = cacheRepositories(inner, { ttlMs: 1_000, now: () => now });
    const bySlug: string[] = [];
    const findBySlug = inner.organizations.findBySlug.bind(inner.organizations);
    inner.organizations.findBySlug = (slug) => (bySlug.push(slug), findBySlug(slug));
    await cached.organizations.findBySlug('acme');
    now = 1_000;
    expect(await cached.organizations.findBySlug('acme')).toMatchObject({ id: 'org-1' });
    expect(bySlug).toEqual(['acme']);
    organizations.set('org-1', { ...organization, slug: 'acme_2', version: 2 });
    organizations.set('org-2', { ...organization, id: 'org-2', version: 1 });
    now = 2_000;
    expect(await cached.organizations.findBySlug('acme')).toMatchObject({ id: 'org-2' });
    expect(bySlug).toEqual(['acme', 'acme']);
  });

  it('refreshes a hot entry in the background before it expires', async () => {
    const { inner, reads, organizations } = fakeStores();
    let now = 0;
    const cached = cacheRepositories(inner, { ttlMs: 1_000, now: () => now });
    await cached.organizations.findById('org-1');
    organizations.set('org-1', { ...organization, name: 'Renamed elsewhere', version: 2 });
    now = 800;
    expect((await cached.organizations.findById('org-1'))?.name).toBe('Acme');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads.organizations).toBe(2);
    now = 1_500;
    expect((await cached.organizations.findById('org-1'))?.name).toBe('Renamed elsewhere');
    expect(reads.organizations).toBe(2);
  });

  it('forgets everything on clear (the database connection broke)', async () => {
    const { inner, reads } = fakeStores();
    const cached = cacheRepositories(inner, { ttlMs: 60_000 });
    await cached.sessions.findSession('session-1');
    cached.clear();
    await cached.sessions.findSession('session-1');
    expect(reads.sessions).toBe(2);
  });
});
