import type { Membership, Organization, User } from '@orgsphere/core';
import { AppError, memberEvents } from '@orgsphere/core';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { openRepositories, type Repositories } from '../src/index.js';

let client: MongoClient;
let db: Db;
let repos: Repositories;

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  await client.connect();
  const name = `test_repos_${process.pid}_${Date.now().toString(36)}`;
  db = client.db(name);
  repos = await openRepositories(client, name);
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

let counter = 0;
const makeOrganization = (overrides: Partial<Organization> = {}): Organization => {
  counter += 1;
  const slug = `org${counter}_${Date.now().toString(36)}`;
  return {
    id: `org-id-${slug}`,
    name: `Org ${slug}`,
    slug,
    collectionName: `org_${slug}`,
    adminId: `admin-id-${slug}`,
    state: 'active',
    version: 1,
    renamedFrom: null,
    deletion: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
};
const makeAdmin = (overrides: Partial<User> = {}): User => {
  counter += 1;
  return {
    id: `admin-${counter}-${Date.now().toString(36)}`,
    email: `admin${counter}.${Date.now().toString(36)}@example.com`,
    passwordHash: '$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA',
    displayName: `Admin ${counter}`,
    sessionVersion: 1,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
};

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : error;
  }
};

describe('master indexes', () => {
  it('exist after opening the repositories, with uniqueness on slug, collection name and email', async () => {
    const orgIndexes = await db.collection('organizations').indexes();
    const adminIndexes = await db.collection('users').indexes();
    const unique = (indexes: typeof orgIndexes) =>
      indexes.filter((i) => i.unique).map((i) => Object.keys(i.key).join(','));
    expect(unique(orgIndexes).sort()).toEqual(['collection_name', 'slug']);
    expect(unique(adminIndexes)).toEqual(['email']);
  });

  it('are created idempotently on every start', async () => {
    await expect(openRepositories(client, db.databaseName)).resolves.toBeDefined();
  });
});

describe('organizations repository', () => {
  it('stores and reads back an organization by id and slug', async () => {
    const org = makeOrganization();
    await repos.organizations.insert(org);
    expect(await repos.organizations.findById(org.id)).toEqual(org);
    expect(await repos.organizations.findBySlug(org.slug)).toEqual(org);
    expect(await repos.organizations.findBySlug('missing')).toBeNull();
  });

  it('turns a duplicate slug or collection name into ORG_NAME_TAKEN', async () => {
    const org = makeOrganization();
    await repos.organizations.insert(org);
    expect(await codeOf(repos.organizations.insert(makeOrganization({ slug: org.slug })))).toBe('ORG_NAME_TAKEN');
    expect(await codeOf(repos.organizations.insert(makeOrganization({ collectionName: org.collectionName })))).toBe(
      'ORG_NAME_TAKEN',
    );
  });

  it('compare-and-set applies only at the expected version and bumps it', async () => {
    const org = makeOrganization();
    await repos.organizations.insert(org);
    const renamed = await repos.organizations.compareAndSet(org.id, 1, { name: 'New Name' });
    expect(renamed).toMatchObject({ name: 'New Name', version: 2 });
    expect(await repos.organizations.compareAndSet(org.id, 1, { name: 'Stale Writer' })).toBeNull();
    expect((await repos.organizations.findById(org.id))?.name).toBe('New Name');
  });

  it('compare-and-set onto a taken slug is ORG_NAME_TAKEN and changes nothing', async () => {
    const a = makeOrganization();
    const b = makeOrganization();
    await repos.organizations.insert(a);
    await repos.organizations.insert(b);
    expect(await codeOf(repos.organizations.compareAndSet(a.id, 1, { slug: b.slug }))).toBe('ORG_NAME_TAKEN');
    expect(await repos.organizations.findById(a.id)).toEqual(a);
  });

  it('deletes by id', async () => {
    const org = makeOrganization();
    await repos.organizations.insert(org);
    await repos.organizations.deleteById(org.id);
    expect(await repos.organizations.findById(org.id)).toBeNull();
  });
});

describe('users repository', () => {
  it('turns a duplicate email into EMAIL_TAKEN, on insert and on update', async () => {
    const a = makeAdmin();
    const b = makeAdmin();
    await repos.users.insert(a);
    await repos.users.insert(b);
    expect(await codeOf(repos.users.insert(makeAdmin({ email: a.email })))).toBe('EMAIL_TAKEN');
    expect(await codeOf(repos.users.update(b.id, { email: a.email }))).toBe('EMAIL_TAKEN');
    expect(await repos.users.findById(b.id)).toEqual(b);
  });

  it('finds by email, updates and deletes', async () => {
    const admin = makeAdmin();
    await repos.users.insert(admin);
    expect(await repos.users.findByEmail(admin.email)).toEqual(admin);
    const updated = await repos.users.update(admin.id, { passwordHash: 'other-hash', displayName: 'Renamed' });
    expect(updated).toMatchObject({ passwordHash: 'other-hash', displayName: 'Renamed' });
    await repos.users.deleteById(admin.id);
    expect(await repos.users.findById(admin.id)).toBeNull();
  });
});

describe('memberships and owner counts', () => {
  const makeMembership = (overrides: Partial<Membership> = {}): Membership => {
    counter += 1;
    return {
      organizationId: `org-m-${counter}`,
      userId: `user-m-${counter}`,
      role: 'member',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)),
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)),
      ...overrides,
    };
  };

  it('keeps one membership per user and organization, listed oldest first both ways', async () => {
    const first = makeMembership({ role: 'owner' });
    const second = makeMembership({ organizationId: first.organizationId });
    const elsewhere = makeMembership({ userId: first.userId });
    for (const membership of [second, first, elsewhere]) await repos.memberships.insert(membership);
    expect(await codeOf(repos.memberships.insert({ ...first, role: 'admin' }))).toBe('MEMBER_EXISTS');
    expect(await repos.memberships.find(first.organizationId, first.userId)).toEqual(first);
    expect(await repos.memberships.listByOrganization(first.organizationId)).toEqual([first, second]);
    expect(await repos.memberships.listByUser(first.userId)).toEqual([first, elsewhere]);
    expect(await repos.memberships.countByOrganization(first.organizationId)).toBe(2);
  });

  it('changes a role and removes only from the expected role', async () => {
    const member = makeMembership();
    await repos.memberships.insert(member);
    const at = new Date('2026-02-01T00:00:00Z');
    expect(await repos.memberships.changeRole(member.organizationId, member.userId, 'admin', 'owner', at)).toBeNull();
    expect(await repos.memberships.changeRole(member.organizationId, member.userId, 'member', 'admin', at)).toEqual({
      ...member,
      role: 'admin',
      updatedAt: at,
    });
    expect(await repos.memberships.remove(member.organizationId, member.userId, 'member', at)).toBe(false);
    expect(await repos.memberships.remove(member.organizationId, member.userId, 'admin', at)).toBe(true);
    expect(await repos.memberships.find(member.organizationId, member.userId)).toBeNull();
  });

  it('hides a removed membership from every read at once, and deletes it only once its outbox is relayed', async () => {
    const member = makeMembership({ role: 'admin' });
    const other = makeMembership({ organizationId: member.organizationId });
    const elsewhere = makeMembership({ userId: member.userId });
    for (const membership of [member, other, elsewhere]) await repos.memberships.insert(membership);
    const at = new Date('2026-02-01T00:00:00Z');
    const events = memberEvents.removed(member, 'removed', at);
    expect(await repos.memberships.remove(member.organizationId, member.userId, 'admin', at, events)).toBe(true);

    const { organizationId, userId } = member;
    expect(await repos.memberships.find(organizationId, userId)).toBeNull();
    expect(await repos.memberships.listByOrganization(organizationId)).toEqual([other]);
    expect(await repos.memberships.listByUser(userId)).toEqual([elsewhere]);
    expect(await repos.memberships.countByOrganization(organizationId)).toBe(1);
    // Removed once: a second removal or a role change finds nothing to change.
    expect(await repos.memberships.remove(organizationId, userId, 'admin', at, events)).toBe(false);
    expect(await repos.memberships.changeRole(organizationId, userId, 'admin', 'member', at)).toBeNull();

    const stored = () => db.collection('memberships').findOne({ organization_id: organizationId, user_id: userId });
    expect((await stored())?.state).toBe('removing');
    // Its member.removed is still in the outbox: the document stays.
    await repos.memberships.deleteRelayedRemovals();
    expect((await stored())?.pending_events).toHaveLength(1);
    const [entry] = (await repos.webhookOutbox.pendingOf(organizationId)).filter((e) => e.holder.kind === 'membership');
    expect(entry?.events.map((event) => [event.type, event.data])).toEqual([
      ['member.removed', { organization_id: organizationId, user_id: userId, role: 'admin', reason: 'removed' }],
    ]);
    await repos.webhookOutbox.acknowledge(entry!);
    expect(await repos.memberships.deleteRelayedRemovals()).toBeGreaterThanOrEqual(1);
    expect(await stored()).toBeNull();
    expect(await repos.memberships.find(other.organizationId, other.userId)).toEqual(other);
  });

  it('never lowers an owner count below one, even under 20 concurrent decrements', async () => {
    const organizationId = `org-owners-${Date.now().toString(36)}`;
    await repos.counters.initialize(organizationId, { owners: 5, members: 5, pendingInvitations: 0 });
    await repos.counters.initialize(organizationId, { owners: 99, members: 99, pendingInvitations: 99 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => repos.counters.adjust(organizationId, 'owners', -1, { min: 1 })),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(4);
    await repos.counters.adjust(organizationId, 'owners', 1);
    expect(await repos.counters.adjust(organizationId, 'owners', -1, { min: 1 })).toBe(true);
    expect(await repos.counters.adjust(organizationId, 'owners', -1, { min: 1 })).toBe(false);
  });

  it('never raises a count past its maximum, even under 20 concurrent increments', async () => {
    const organizationId = `org-limit-${Date.now().toString(36)}`;
    await repos.counters.initialize(organizationId, { owners: 1, members: 1, pendingInvitations: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => repos.counters.adjust(organizationId, 'pendingInvitations', 1, { max: 7 })),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(7);
    expect(await repos.counters.adjust(organizationId, 'pendingInvitations', -1)).toBe(true);
    expect(await repos.counters.adjust(organizationId, 'pendingInvitations', 1, { max: 7 })).toBe(true);
  });
});

describe('lookups by slug and email (unique indexes)', () => {
  it('follow a rename: the new slug finds the organization, the old one is free for another', async () => {
    const org = makeOrganization();
    await repos.organizations.insert(org);
    const next = makeOrganization();
    await repos.organizations.compareAndSet(org.id, 1, {
      slug: next.slug,
      name: next.name,
      collectionName: next.collectionName,
    });
    expect((await repos.organizations.findBySlug(next.slug))?.id).toBe(org.id);
    expect(await repos.organizations.findBySlug(org.slug)).toBeNull();
    const successor = makeOrganization({ slug: org.slug });
    await repos.organizations.insert(successor);
    expect((await repos.organizations.findBySlug(org.slug))?.id).toBe(successor.id);
  });

  it('follow an email change, and the old email is free for another user', async () => {
    const admin = makeAdmin();
    await repos.users.insert(admin);
    const newEmail = `changed.${admin.email}`;
    expect((await repos.users.update(admin.id, { email: newEmail }))?.email).toBe(newEmail);
    expect((await repos.users.findByEmail(newEmail))?.id).toBe(admin.id);
    expect(await repos.users.findByEmail(admin.email)).toBeNull();
    const successor = makeAdmin({ email: admin.email });
    await repos.users.insert(successor);
    expect((await repos.users.findByEmail(admin.email))?.id).toBe(successor.id);
  });

  it('give exactly one of 20 concurrent creates of one slug, and find that one', async () => {
    const slug = makeOrganization().slug;
    const contenders = Array.from({ length: 20 }, () => makeOrganization({ slug }));
    const outcomes = await Promise.all(contenders.map((org) => codeOf(repos.organizations.insert(org))));
    expect(outcomes.filter((code) => code === undefined)).toHaveLength(1);
    expect(outcomes.filter((code) => code === 'ORG_NAME_TAKEN')).toHaveLength(19);
    const winner = contenders[outcomes.indexOf(undefined)]!;
    expect((await repos.organizations.findBySlug(slug))?.id).toBe(winner.id);
  });

  it('give exactly one of 10 concurrent renames onto one slug, and leave the losers as they were', async () => {
    const target = makeOrganization();
    const orgs = Array.from({ length: 10 }, () => makeOrganization());
    for (const org of orgs) await repos.organizations.insert(org);
    const outcomes = await Promise.all(
      orgs.map((org) => codeOf(repos.organizations.compareAndSet(org.id, 1, { slug: target.slug, name: target.name }))),
    );
    expect(outcomes.filter((code) => code === undefined)).toHaveLength(1);
    expect(outcomes.filter((code) => code === 'ORG_NAME_TAKEN')).toHaveLength(9);
    const winner = orgs[outcomes.indexOf(undefined)]!;
    expect((await repos.organizations.findBySlug(target.slug))?.id).toBe(winner.id);
    for (const loser of orgs.filter((org) => org !== winner))
      expect(await repos.organizations.findById(loser.id)).toEqual(loser);
  });
});

describe('tenant store', () => {
  it('creates idempotently, renames keeping documents and indexes, and drops', async () => {
    const from = `org_tenant_${Date.now().toString(36)}`;
    const to = `${from}_renamed`;
    await repos.tenants.create(from);
    await repos.tenants.create(from);
    expect(await repos.tenants.exists(from)).toBe(true);

    const docs = Array.from({ length: 200 }, (_, i) => ({ n: i, label: `item ${i}` }));
    await db.collection(from).insertMany(docs.map((d) => ({ ...d })));
    await db.collection(from).createIndex({ label: 1 }, { name: 'label_unique', unique: true });

    await repos.tenants.rename(from, to);
    expect(await repos.tenants.exists(from)).toBe(false);
    const moved = await db
      .collection(to)
      .find({}, { projection: { _id: 0 } })
      .sort({ n: 1 })
      .toArray();
    expect(moved).toEqual(docs);
    const index = (await db.collection(to).indexes()).find((i) => i.name === 'label_unique');
    expect(index).toMatchObject({ unique: true, key: { label: 1 } });

    // A second attempt after the move is a no-op, as recovery needs.
    await repos.tenants.rename(from, to);
    expect(await db.collection(to).countDocuments()).toBe(200);

    await repos.tenants.drop(to);
    await repos.tenants.drop(to);
    expect(await repos.tenants.exists(to)).toBe(false);
  });
});

describe('leases repository', () => {
  it('is held by one holder at a time, renewed by its holder, and free after release', async () => {
    const name = `lease-${Date.now().toString(36)}`;
    expect(await repos.leases.tryAcquire(name, 'a', 60_000)).toBe(true);
    expect(await repos.leases.tryAcquire(name, 'b', 60_000)).toBe(false);
    expect(await repos.leases.tryAcquire(name, 'a', 60_000)).toBe(true);
    await repos.leases.release(name, 'b');
    expect(await repos.leases.tryAcquire(name, 'b', 60_000)).toBe(false);
    await repos.leases.release(name, 'a');
    expect(await repos.leases.tryAcquire(name, 'b', 60_000)).toBe(true);
  });

  it('can be taken over once expired', async () => {
    const name = `lease-expiring-${Date.now().toString(36)}`;
    expect(await repos.leases.tryAcquire(name, 'a', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await repos.leases.tryAcquire(name, 'b', 60_000)).toBe(true);
    expect(await repos.leases.tryAcquire(name, 'a', 60_000)).toBe(false);
  });

  it('goes to exactly one of 20 concurrent contenders', async () => {
    for (let round = 0; round < 5; round += 1) {
      const name = `lease-race-${round}-${Date.now().toString(36)}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => repos.leases.tryAcquire(name, `holder-${i}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('unsettled organizations', () => {
  it('lists only non-active organizations older than the cutoff, and counts by state', async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    const stuck = makeOrganization({ state: 'renaming', updatedAt: old });
    const fresh = makeOrganization({ state: 'provisioning', updatedAt: new Date() });
    const settled = makeOrganization({ state: 'active', updatedAt: old });
    for (const org of [stuck, fresh, settled]) await repos.organizations.insert(org);

    const found = await repos.organizations.findUnsettled(new Date(Date.now() - 60_000), 100);
    expect(found.map((o) => o.id)).toContain(stuck.id);
    expect(found.map((o) => o.id)).not.toContain(fresh.id);
    expect(found.map((o) => o.id)).not.toContain(settled.id);

    const counts = await repos.organizations.countByState();
    expect(counts.renaming).toBeGreaterThanOrEqual(1);
    expect(counts.provisioning).toBeGreaterThanOrEqual(1);
    expect(counts.active).toBe(await db.collection('organizations').countDocuments({ state: 'active' }));
  });
});

describe('soft-deleted organizations', () => {
  const deletion = (purgeAfter: Date) => ({
    deletedAt: new Date('2020-01-01T00:00:00Z'),
    purgeAfter,
    restoreTokenHash: `hash-${purgeAfter.getTime()}`,
  });

  it('keep their deletion through a round trip, are never unsettled, and are due for purge only once past purge_after', async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    const due = makeOrganization({
      state: 'deleted',
      updatedAt: old,
      deletion: deletion(new Date(Date.now() - 1_000)),
    });
    const later = makeOrganization({
      state: 'deleted',
      updatedAt: old,
      deletion: deletion(new Date(Date.now() + 86_400_000)),
    });
    for (const org of [due, later]) await repos.organizations.insert(org);

    expect(await repos.organizations.findById(due.id)).toEqual(due);
    const unsettled = (await repos.organizations.findUnsettled(new Date(), 1_000)).map((o) => o.id);
    expect(unsettled).not.toContain(due.id);
    expect(unsettled).not.toContain(later.id);
    const purgeable = (await repos.organizations.findDueForPurge(new Date(), 1_000)).map((o) => o.id);
    expect(purgeable).toContain(due.id);
    expect(purgeable).not.toContain(later.id);
    expect((await repos.organizations.countByState()).deleted).toBeGreaterThanOrEqual(2);
  });

  it('lose their deletion when restored by compare-and-set', async () => {
    const org = makeOrganization({ state: 'deleted', deletion: deletion(new Date(Date.now() + 60_000)) });
    await repos.organizations.insert(org);
    const restored = await repos.organizations.compareAndSet(org.id, org.version, { state: 'active', deletion: null });
    expect(restored).toMatchObject({ state: 'active', deletion: null, version: org.version + 1 });
    const stored = await db.collection('organizations').findOne({ _id: org.id as never });
    expect(stored).toMatchObject({ deleted_at: null, purge_after: null, restore_token_hash: null });
  });
});

describe('sessions repository', () => {
  const session = (id: string, expiresAt: Date) => ({
    id,
    adminId: 'admin-s',
    organizationId: 'org-s',
    createdAt: new Date(),
    lastUsedAt: new Date(),
    expiresAt,
    userAgent: 'x'.repeat(2_000),
    ip: '127.0.0.1',
    revokedAt: null,
  });

  it('rotates a refresh token exactly once under 20 concurrent attempts', async () => {
    await repos.sessions.insertSession(session(`s-rot-${Date.now()}`, new Date(Date.now() + 60_000)));
    const hash = `h-${Date.now()}`;
    await repos.sessions.insertRefreshToken({
      hash,
      sessionId: 's',
      adminId: 'admin-s',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
      rotatedAt: null,
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => repos.sessions.markRotated(hash, new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('clips client-supplied user agents and purges only what has expired', async () => {
    const live = `s-live-${Date.now()}`;
    const dead = `s-dead-${Date.now()}`;
    await repos.sessions.insertSession(session(live, new Date(Date.now() + 60_000)));
    await repos.sessions.insertSession(session(dead, new Date(Date.now() - 1_000)));
    expect((await repos.sessions.findSession(live))?.userAgent).toHaveLength(512);
    expect(await repos.sessions.deleteExpired(new Date())).toBeGreaterThanOrEqual(1);
    expect(await repos.sessions.findSession(dead)).toBeNull();
    expect(await repos.sessions.findSession(live)).not.toBeNull();
  });

  it('revokes one session or all of an admin', async () => {
    const a = `s-a-${Date.now()}`;
    const b = `s-b-${Date.now()}`;
    await repos.sessions.insertSession(session(a, new Date(Date.now() + 60_000)));
    await repos.sessions.insertSession(session(b, new Date(Date.now() + 60_000)));
    await repos.sessions.revokeSession(a, new Date());
    expect((await repos.sessions.findSession(a))?.revokedAt).toBeInstanceOf(Date);
    expect((await repos.sessions.findSession(b))?.revokedAt).toBeNull();
    await repos.sessions.revokeAllSessions('admin-s', new Date());
    expect((await repos.sessions.findSession(b))?.revokedAt).toBeInstanceOf(Date);
  });

  it("lists a user's live sessions only (not revoked, not expired, not another user's), most recently used first", async () => {
    const adminId = `admin-list-${Date.now()}`;
    const now = Date.now();
    const at = (offset: number) => new Date(now + offset);
    const mine = (id: string, lastUsedAt: Date, expiresAt: Date) => ({
      ...session(id, expiresAt),
      id: `${id}-${now}`,
      adminId,
      lastUsedAt,
    });
    await repos.sessions.insertSession(mine('older', at(-5_000), at(60_000)));
    await repos.sessions.insertSession(mine('newer', at(-1_000), at(60_000)));
    await repos.sessions.insertSession(mine('expired', at(-500), at(-1)));
    await repos.sessions.insertSession(mine('revoked', at(-200), at(60_000)));
    await repos.sessions.revokeSession(`revoked-${now}`, at(0));
    await repos.sessions.insertSession({ ...session(`other-${now}`, at(60_000)), adminId: `${adminId}-else` });

    const listed = await repos.sessions.listActiveSessions(adminId, at(0), 10);
    expect(listed.map((s) => s.id)).toEqual([`newer-${now}`, `older-${now}`]);
    expect(await repos.sessions.listActiveSessions(adminId, at(0), 1)).toHaveLength(1);
  });
});

describe('old names repository', () => {
  const hold = (slug: string, organizationId: string, expiresAt: Date) => ({
    slug,
    name: `Name ${slug}`,
    organizationId,
    expiresAt,
  });

  it("renews its own hold, refuses another organization's current one, and replaces an expired one", async () => {
    const slug = `old_${Date.now().toString(36)}`;
    const now = new Date();
    const later = new Date(now.getTime() + 60_000);
    await repos.oldNames.reserve(hold(slug, 'org-a', later), now);
    await repos.oldNames.reserve(hold(slug, 'org-a', new Date(later.getTime() + 1)), now);
    expect((await repos.oldNames.findBySlug(slug))?.expiresAt).toEqual(new Date(later.getTime() + 1));

    expect(await codeOf(repos.oldNames.reserve(hold(slug, 'org-b', later), now))).toBe('ORG_NAME_TAKEN');
    expect((await repos.oldNames.findBySlug(slug))?.organizationId).toBe('org-a');

    const afterExpiry = new Date(later.getTime() + 10);
    await repos.oldNames.releaseExpired(slug, now);
    expect(await repos.oldNames.findBySlug(slug)).not.toBeNull();
    await repos.oldNames.reserve(hold(slug, 'org-b', new Date(afterExpiry.getTime() + 60_000)), afterExpiry);
    expect((await repos.oldNames.findBySlug(slug))?.organizationId).toBe('org-b');
  });

  it('sweeps expired holds and those of a purged organization', async () => {
    const base = Date.now().toString(36);
    const now = new Date();
    await repos.oldNames.reserve(hold(`gone_${base}`, 'org-old', new Date(now.getTime() - 1)), now);
    await repos.oldNames.reserve(hold(`kept_${base}`, 'org-kept', new Date(now.getTime() + 60_000)), now);
    await repos.oldNames.reserve(hold(`purged_${base}`, 'org-purged', new Date(now.getTime() + 60_000)), now);
    expect(await repos.oldNames.deleteExpired(now)).toBeGreaterThanOrEqual(1);
    await repos.oldNames.deleteByOrganization('org-purged');
    expect(await repos.oldNames.findBySlug(`gone_${base}`)).toBeNull();
    expect(await repos.oldNames.findBySlug(`purged_${base}`)).toBeNull();
    expect(await repos.oldNames.findBySlug(`kept_${base}`)).not.toBeNull();
  });
});
