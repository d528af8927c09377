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

import type { CacheInvalidation, CacheInvalidationBus } from './cache-invalidation.js';
import { invalidatedWrites } from './invalidated-writes.js';
import { createReadGuard } from './read-guard.js';
import { createTtlCache } from './ttl-cache.js';

export type CacheOptions = {
  /** How long another instance's write can stay unseen here if its invalidation is lost. */
  ttlMs: number;
  /** Entries per cache (organizations, users, memberships, sessions). */
  maxEntries?: number;
  /** Tells other instances what to forget; absent for a single instance. */
  bus?: CacheInvalidationBus | undefined;
  now?: () => number;
};

type Cached = {
  organizations: OrganizationRepository;
  users: UserRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
};

export type CachedRepositories = Cached & {
  /** Forgets everything (e.g. the database connection broke: never answer from memory then). */
  clear(): void;
};

/**
 * Decorates the repositories the hot paths read (organization by slug or id, user
 * by id, membership by organization and user, session by id) with an in-process cache. Every write through this process
 * forgets what it touched before returning, so this instance never serves what it
 * changed; other instances forget on the bus message, and at the latest after `ttlMs`.
 * Lookups by email, refresh tokens, membership lists and absences are never cached.
 */
export const cacheRepositories = (inner: Cached, options: CacheOptions): CachedRepositories => {
  const settings = {
    ttlMs: options.ttlMs,
    maxEntries: options.maxEntries ?? 50_000,
    ...(options.now ? { now: options.now } : {}),
  };
  const organizationsById = createTtlCache<Organization>(settings);
  // Checked against the organization on every use, so it may outlive the entries it points to.
  const organizationIdsBySlug = createTtlCache<string>({ ...settings, ttlMs: settings.ttlMs * 60 });
  const usersById = createTtlCache<User>(settings);
  const membershipsByKey = createTtlCache<Membership>(settings);
  const membershipKey = (organizationId: string, userId: string) => `${organizationId}:${userId}`;
  const sessionsById = createTtlCache<Session>(settings);
  const guard = createReadGuard();
  const refreshing = new Set<string>();
  /**
   * Hot entries are re-read in the background shortly before they expire, so a
   * busy key never waits on the database; a key nobody asks for simply expires.
   */
  const refreshAhead = <T>(key: string, aging: boolean, read: () => Promise<T>, store: (value: T) => void) => {
    if (!aging || refreshing.has(key)) return;
    refreshing.add(key);
    void guard
      .read(read, store)
      .catch(() => undefined)
      .finally(() => refreshing.delete(key));
  };

  const forget = (message: CacheInvalidation) => {
    switch (message.kind) {
      case 'organization':
        // A slug entry only counts while the organization it names still has that slug.
        return organizationsById.delete(message.id);
      case 'user':
        return usersById.delete(message.id);
      case 'membership':
        return membershipsByKey.delete(membershipKey(message.organizationId, message.userId));
      case 'memberships-of-organization':
        return membershipsByKey.deleteWhere((membership) => membership.organizationId === message.organizationId);
      case 'session':
        return sessionsById.delete(message.id);
      case 'sessions-of-admin':
        return sessionsById.deleteWhere((session) => session.adminId === message.adminId);
      case 'api-key':
      case 'api-keys-of-organization':
        return; // cached-api-keys.ts
      case 'sessions-of-organization':
        return sessionsById.deleteWhere((session) => session.organizationId === message.organizationId);
      case 'everything':
        organizationsById.clear();
        organizationIdsBySlug.clear();
        usersById.clear();
        membershipsByKey.clear();
        sessionsById.clear();
    }
  };
  const written = invalidatedWrites(guard, options.bus, forget);
  const storeOrganization = (organization: Organization | null) => {
    if (!organization) return;
    organizationsById.set(organization.id, organization);
    organizationIdsBySlug.set(organization.slug, organization.id);
  };

  const organizations: OrganizationRepository = {
    ...inner.organizations,
    findById: (id) => {
      const hit = organizationsById.get(id);
      if (!hit) return guard.read(() => inner.organizations.findById(id), storeOrganization);
      refreshAhead(
        `o:${id}`,
        organizationsById.isAging(id),
        () => inner.organizations.findById(id),
        (o) => (o ? storeOrganization(o) : organizationsById.delete(id)),
      );
      return Promise.resolve(hit);
    },
    findBySlug: async (slug) => {
      const id = organizationIdsBySlug.get(slug);
      if (id !== undefined) {
        const hit = organizationsById.get(id);
        if (hit?.slug === slug) {
          refreshAhead(
            `o:${id}`,
            organizationsById.isAging(id),
            () => inner.organizations.findById(id),
            (o) => (o ? storeOrganization(o) : organizationsById.delete(id)),
          );
          return hit;
        }
        // Refresh by id: a lookup by _id is cheap on every server, one by slug may scan the collection.
        const fresh = await guard.read(() => inner.organizations.findById(id), storeOrganization);
        if (fresh?.slug === slug) return fresh;
      }
      return guard.read(() => inner.organizations.findBySlug(slug), storeOrganization);
    },
    insert: (organization) =>
      written<void>({ kind: 'organization', id: organization.id })(() => inner.organizations.insert(organization)),
    compareAndSet: (id, expectedVersion, changes, events) =>
      written<Organization | null>({ kind: 'organization', id })(() =>
        inner.organizations.compareAndSet(id, expectedVersion, changes, events),
      ),
    deleteById: (id) => written<void>({ kind: 'organization', id })(() => inner.organizations.deleteById(id)),
  };

  const users: UserRepository = {
    ...inner.users,
    findById: (id) => {
      const hit = usersById.get(id);
      const store = (user: User | null) => (user ? usersById.set(id, user) : usersById.delete(id));
      if (!hit) return guard.read(() => inner.users.findById(id), store);
      refreshAhead(`u:${id}`, usersById.isAging(id), () => inner.users.findById(id), store);
      return Promise.resolve(hit);
    },
    insert: (user) => written<void>({ kind: 'user', id: user.id })(() => inner.users.insert(user)),
    update: (id, changes, updateOptions) =>
      written<User | null>({ kind: 'user', id })(() => inner.users.update(id, changes, updateOptions)),
    deleteById: (id) => written<void>({ kind: 'user', id })(() => inner.users.deleteById(id)),
  };

  const memberships: MembershipRepository = {
    ...inner.memberships,
    // Read on every authenticated request: the role a token acts with comes from here.
    find: (organizationId, userId) => {
      const key = membershipKey(organizationId, userId);
      const hit = membershipsByKey.get(key);
      const read = () => inner.memberships.find(organizationId, userId);
      const store = (membership: Membership | null) =>
        membership ? membershipsByKey.set(key, membership) : membershipsByKey.delete(key);
      if (!hit) return guard.read(read, store);
      refreshAhead(`m:${key}`, membershipsByKey.isAging(key), read, store);
      return Promise.resolve(hit);
    },
    insert: (membership, events) =>
      written<void>({ kind: 'membership', organizationId: membership.organizationId, userId: membership.userId })(() =>
        inner.memberships.insert(membership, events),
      ),
    changeRole: (organizationId, userId, from, to, at, events) =>
      written<Membership | null>({ kind: 'membership', organizationId, userId })(() =>
        inner.memberships.changeRole(organizationId, userId, from, to, at, events),
      ),
    remove: (organizationId, userId, role, at, events) =>
      written<boolean>({ kind: 'membership', organizationId, userId })(() =>
        inner.memberships.remove(organizationId, userId, role, at, events),
      ),
    deleteByOrganization: (organizationId) =>
      written<void>({ kind: 'memberships-of-organization', organizationId })(() =>
        inner.memberships.deleteByOrganization(organizationId),
      ),
  };

  const sessions: SessionRepository = {
    ...inner.sessions,
    findSession: (id) => {
      const hit = sessionsById.get(id);
      const store = (session: Session | null) => (session ? sessionsById.set(id, session) : sessionsById.delete(id));
      if (!hit) return guard.read(() => inner.sessions.findSession(id), store);
      refreshAhead(`s:${id}`, sessionsById.isAging(id), () => inner.sessions.findSession(id), store);
      return Promise.resolve(hit);
    },
    touchSession: (id, at, client) =>
      written<void>({ kind: 'session', id })(() => inner.sessions.touchSession(id, at, client)),
    revokeSession: (id, at) => written<void>({ kind: 'session', id })(() => inner.sessions.revokeSession(id, at)),
    revokeAllSessions: (adminId, at) =>
      written<void>({ kind: 'sessions-of-admin', adminId })(() => inner.sessions.revokeAllSessions(adminId, at)),
    revokeOrganizationSessions: (organizationId, at) =>
      written<void>({ kind: 'sessions-of-organization', organizationId })(() =>
        inner.sessions.revokeOrganizationSessions(organizationId, at),
      ),
    // Only already-expired sessions go: nothing to tell other instances.
    deleteExpired: async (now) => {
      const removed = await inner.sessions.deleteExpired(now);
      sessionsById.deleteWhere((session) => session.expiresAt < now);
      return removed;
    },
  };

  return {
    organizations,
    users,
    memberships,
    sessions,
    clear: () => {
      guard.bump();
      forget({ kind: 'everything' });
    },
  };
};
