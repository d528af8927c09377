import { MongoClient, type Db, type IndexDescription } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createLeasesRepository,
  migrationLease,
  migrations,
  migrationsCollection,
  openRepositories,
  organizationIndexes,
  runMigrations,
  type Migration,
} from '../src/index.js';

/** The `admins` indexes of the releases before memberships. */
const legacyAdminIndexes: IndexDescription[] = [
  { key: { email: 1 }, name: 'email_unique', unique: true },
  { key: { organization_id: 1 }, name: 'organization_id' },
];

let client: MongoClient;
const databases: Db[] = [];

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  await client.connect();
});
afterAll(async () => {
  for (const db of databases) await db.dropDatabase();
  await client.close();
});

let counter = 0;
const freshDatabase = () => {
  counter += 1;
  const db = client.db(`test_migrate_${process.pid}_${counter}_${Date.now().toString(36)}`);
  databases.push(db);
  return db;
};

/** The previous release's documents, keyed by string ids as it wrote them. */
type Stored = { _id: string } & Record<string, unknown>;

const collectionNames = async (db: Db) =>
  (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
const uniqueIndexKeys = async (db: Db, collection: string) =>
  (await db.collection(collection).indexes())
    .filter((index) => index.unique)
    .map((index) => Object.keys(index.key).join(','));

/**
 * What the release with key links wrote: organizations and admins under their unique
 * indexes, and one link per slug and email (`{_id: key, target, linked_at}`).
 */
const writePreviousRelease = async (db: Db, options: { withIndexes: boolean }) => {
  const at = new Date('2026-11-01T00:00:00Z');
  const orgs = [1, 2].map((i) => ({
    _id: `org-${i}`,
    name: `Old Org ${i}`,
    slug: `old_org_${i}`,
    collection_name: `org_old_org_${i}`,
    admin_id: `admin-${i}`,
    state: 'active' as const,
    version: 3,
    renamed_from: null,
    created_at: at,
    updated_at: at,
  }));
  const admins = orgs.map((org, i) => ({
    _id: org.admin_id,
    email: `admin${i + 1}@old.test`,
    password_hash: '$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA',
    organization_id: org._id,
    session_version: 2,
    created_at: at,
    updated_at: at,
  }));
  if (options.withIndexes) {
    await db.collection('organizations').createIndexes(organizationIndexes);
    await db.collection('admins').createIndexes(legacyAdminIndexes);
  }
  await db.collection<Stored>('organizations').insertMany(orgs);
  await db.collection<Stored>('admins').insertMany(admins);
  for (const org of orgs) await db.createCollection(org.collection_name);
  await db
    .collection<Stored>('organization_slugs')
    .insertMany(orgs.map((org) => ({ _id: org.slug, target: org._id, linked_at: at })));
  await db
    .collection<Stored>('admin_emails')
    .insertMany(admins.map((admin) => ({ _id: admin.email, target: admin._id, linked_at: at })));
  return { orgs, admins };
};

describe('upgrading a database written by the release with key links', () => {
  it('drops the link collections at start-up, and lookups by slug and email still find everything', async () => {
    const db = freshDatabase();
    const { orgs, admins } = await writePreviousRelease(db, { withIndexes: true });

    const repos = await openRepositories(client, db.databaseName, { instanceId: 'instance-a' });

    const names = await collectionNames(db);
    expect(names).not.toContain('organization_slugs');
    expect(names).not.toContain('admin_emails');
    for (const org of orgs) expect((await repos.organizations.findBySlug(org.slug))?.id).toBe(org._id);
    for (const admin of admins) expect((await repos.users.findByEmail(admin.email))?.id).toBe(admin._id);
    const recorded = await migrationsCollection(db).find({}).toArray();
    expect(recorded.map((doc) => doc._id)).toEqual(migrations.map((migration) => migration.id));
    expect(recorded[0]).toMatchObject({ applied_by: 'instance-a', applied_at: expect.any(Date) });
  });

  it('creates the unique indexes when they are missing, and applies nothing on the next start', async () => {
    const db = freshDatabase();
    const { orgs } = await writePreviousRelease(db, { withIndexes: false });

    expect((await runMigrations(db, { instanceId: 'instance-a' })).applied).toEqual(migrations.map((m) => m.id));
    expect((await uniqueIndexKeys(db, 'organizations')).sort()).toEqual(['collection_name', 'slug']);
    expect(await uniqueIndexKeys(db, 'users')).toEqual(['email']);

    expect((await runMigrations(db, { instanceId: 'instance-b' })).applied).toEqual([]);
    const repos = await openRepositories(client, db.databaseName);
    expect((await repos.organizations.findBySlug(orgs[0]!.slug))?.id).toBe(orgs[0]!._id);
  });

  it('finishes after an instance died halfway: the next start waits out its lease and runs the migration again', async () => {
    const db = freshDatabase();
    const { orgs, admins } = await writePreviousRelease(db, { withIndexes: true });
    // Died after dropping one link collection, before recording the migration, still holding the lease.
    await db.collection('admin_emails').drop();
    expect(await createLeasesRepository(db).tryAcquire(migrationLease, 'dead-instance', 300)).toBe(true);

    const report = await runMigrations(db, { instanceId: 'instance-b', pollMs: 50 });

    expect(report.applied).toEqual(migrations.map((m) => m.id));
    expect(await collectionNames(db)).not.toContain('organization_slugs');
    const repos = await openRepositories(client, db.databaseName);
    expect((await repos.organizations.findBySlug(orgs[1]!.slug))?.id).toBe(orgs[1]!._id);
    expect((await repos.users.findByEmail(admins[1]!.email))?.id).toBe(admins[1]!._id);
  });

  it('is idempotent on its own: running the migration twice over is harmless', async () => {
    const db = freshDatabase();
    await writePreviousRelease(db, { withIndexes: true });
    await migrations[0]!.up(db);
    await migrations[0]!.up(db);
    expect(await collectionNames(db)).not.toContain('admin_emails');
  });
});

/** The release with one admin per organization, after its own migration (0001) ran. */
const writeSingleAdminRelease = async (db: Db) => {
  const { orgs, admins } = await writePreviousRelease(db, { withIndexes: true });
  await db.collection('organization_slugs').drop();
  await db.collection('admin_emails').drop();
  await migrationsCollection(db).insertOne({ _id: '0001-drop-key-links', applied_at: new Date(), applied_by: 'old' });
  return { orgs, admins };
};

describe('upgrading a database written by the single-admin release', () => {
  const expectOwners = async (db: Db, orgs: Stored[], admins: Stored[]) => {
    const repos = await openRepositories(client, db.databaseName);
    for (const [i, admin] of admins.entries()) {
      const org = orgs[i]!;
      // Same id, hash and session version: the admin's password and live tokens keep working.
      expect(await repos.users.findById(admin._id)).toEqual({
        id: admin._id,
        email: admin.email,
        passwordHash: admin.password_hash,
        displayName: String(admin.email).split('@')[0],
        sessionVersion: admin.session_version,
        createdAt: admin.created_at,
        updatedAt: admin.updated_at,
      });
      expect(await repos.memberships.listByOrganization(org._id)).toEqual([
        {
          organizationId: org._id,
          userId: admin._id,
          role: 'owner',
          createdAt: admin.created_at,
          updatedAt: admin.created_at,
        },
      ]);
      // Exactly one owner is counted: the last one cannot be demoted.
      expect(await repos.counters.adjust(org._id, 'owners', -1, { min: 1 })).toBe(false);
      expect(await repos.counters.adjust(org._id, 'members', -1)).toBe(true);
    }
    expect(await collectionNames(db)).not.toContain('admins');
  };

  it('makes each admin a user and the owner of their organization, and drops admins', async () => {
    const db = freshDatabase();
    const { orgs, admins } = await writeSingleAdminRelease(db);
    expect((await runMigrations(db, { instanceId: 'instance-a' })).applied).toEqual(['0002-admins-become-owners']);
    await expectOwners(db, orgs, admins);
  });

  it('finishes after dying halfway (one admin already copied), and running it twice is harmless', async () => {
    const db = freshDatabase();
    const { orgs, admins } = await writeSingleAdminRelease(db);
    const first = admins[0]!;
    await db.collection<Stored>('users').insertOne({
      _id: first._id,
      email: first.email,
      password_hash: first.password_hash,
      display_name: first.email.split('@')[0],
      session_version: first.session_version,
      created_at: first.created_at,
      updated_at: first.updated_at,
    });
    const migration = migrations.find((m) => m.id === '0002-admins-become-owners')!;
    await migration.up(db);
    await migration.up(db);
    await expectOwners(db, orgs, admins);
  });
});

describe('the migration runner', () => {
  /** Migrations that count their runs and take a while, so that concurrent starts overlap. */
  const countingMigrations = (runs: Map<string, number>): Migration[] =>
    ['a-first', 'b-second'].map((id) => ({
      id,
      description: `test migration ${id}`,
      up: async () => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
    }));

  it('applies each migration exactly once, in order, when five instances start together', async () => {
    const db = freshDatabase();
    const runs = new Map<string, number>();
    const list = countingMigrations(runs);
    const reports = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => runMigrations(db, { instanceId: `instance-${i}`, migrations: list, pollMs: 20 })),
    );
    expect(Object.fromEntries(runs)).toEqual({ 'a-first': 1, 'b-second': 1 });
    expect(reports.flatMap((report) => report.applied)).toEqual(['a-first', 'b-second']);
    const recorded = await migrationsCollection(db).find({}).sort({ applied_at: 1 }).toArray();
    expect(recorded.map((doc) => doc._id)).toEqual(['a-first', 'b-second']);
  });

  it('records what completed when a migration fails, and runs only the rest on the next start', async () => {
    const db = freshDatabase();
    const runs = new Map<string, number>();
    const [first, second] = countingMigrations(runs);
    const failing: Migration = { ...second!, up: () => Promise.reject(new Error('disk full')) };

    await expect(runMigrations(db, { instanceId: 'instance-a', migrations: [first!, failing] })).rejects.toThrow(
      'disk full',
    );
    expect((await migrationsCollection(db).find({}).toArray()).map((doc) => doc._id)).toEqual(['a-first']);

    const report = await runMigrations(db, { instanceId: 'instance-b', migrations: [first!, second!] });
    expect(report.applied).toEqual(['b-second']);
    expect(Object.fromEntries(runs)).toEqual({ 'a-first': 1, 'b-second': 1 });
  });

  it('gives up with a clear error when another instance holds the lease past the wait', async () => {
    const db = freshDatabase();
    expect(await createLeasesRepository(db).tryAcquire(migrationLease, 'busy-instance', 60_000)).toBe(true);
    const runs = new Map<string, number>();
    await expect(
      runMigrations(db, { instanceId: 'instance-b', migrations: countingMigrations(runs), waitMs: 200, pollMs: 20 }),
    ).rejects.toThrow(/a-first, b-second are being applied by another instance/);
    expect(runs.size).toBe(0);
  });

  it('refuses a list with a repeated id', async () => {
    const db = freshDatabase();
    const [first] = countingMigrations(new Map());
    await expect(runMigrations(db, { instanceId: 'x', migrations: [first!, first!] })).rejects.toThrow(/unique/);
  });
});

describe('upgrading a database written by the members release (before soft delete, old names and operators)', () => {
  it('needs no migration: its organizations read as never deleted, list, soft-delete, purge and restore', async () => {
    const db = freshDatabase();
    const at = new Date('2026-11-20T00:00:00Z');
    // As that release wrote them: no deleted_at, purge_after nor restore_token_hash, no old_names.
    const orgs = [1, 2, 3].map((i) => ({
      _id: `members-org-${i}`,
      name: `Members Org ${i}`,
      slug: `members_org_${i}`,
      collection_name: `org_members_org_${i}`,
      admin_id: `user-${i}`,
      state: 'active',
      version: 2,
      renamed_from: null,
      created_at: new Date(at.getTime() + i),
      updated_at: at,
    }));
    await db.collection('organizations').createIndexes([
      { key: { slug: 1 }, name: 'slug_unique', unique: true },
      { key: { collection_name: 1 }, name: 'collection_name_unique', unique: true },
      { key: { admin_id: 1 }, name: 'admin_id' },
      { key: { state: 1 }, name: 'state' },
    ]);
    await db.collection<Stored>('organizations').insertMany(orgs);
    for (const org of orgs) await db.createCollection(org.collection_name);
    // Its migrations had all run.
    await migrationsCollection(db).insertMany(
      migrations.map((m) => ({ _id: m.id, applied_at: at, applied_by: 'members-release' })),
    );

    const repos = await openRepositories(client, db.databaseName);
    expect((await runMigrations(db, { instanceId: 'lifecycle-release' })).applied).toEqual([]);

    const first = await repos.organizations.findBySlug('members_org_1');
    expect(first).toMatchObject({ state: 'active', deletion: null });
    expect(await repos.organizations.findDueForPurge(new Date('2100-01-01'), 10)).toEqual([]);
    expect((await repos.organizations.listPage({ limit: 10 })).map((o) => o.id)).toEqual(orgs.map((o) => o._id));
    expect(await repos.organizations.countByState()).toMatchObject({ active: 3, deleted: 0, suspended: 0 });
    expect(await repos.oldNames.findBySlug('members_org_1')).toBeNull();

    // The new fields are written on the first soft delete, and cleared again by a restore.
    const deletion = { deletedAt: at, purgeAfter: new Date(at.getTime() + 1000), restoreTokenHash: 'hash' };
    const deleted = await repos.organizations.compareAndSet(first!.id, first!.version, { state: 'deleted', deletion });
    expect(deleted).toMatchObject({ state: 'deleted', deletion });
    expect(await repos.organizations.findUnsettled(new Date('2100-01-01'), 10)).toEqual([]);
    expect((await repos.organizations.findDueForPurge(new Date('2100-01-01'), 10)).map((o) => o.id)).toEqual([
      first!.id,
    ]);
    expect((await repos.organizations.listPage({ state: 'deleted', limit: 10 })).map((o) => o.id)).toEqual([first!.id]);
    const restored = await repos.organizations.compareAndSet(first!.id, deleted!.version, {
      state: 'active',
      deletion: null,
    });
    expect(restored).toMatchObject({ state: 'active', deletion: null });
    expect(await db.collection('organizations').findOne({ _id: first!.id as never })).toMatchObject({
      purge_after: null,
      restore_token_hash: null,
    });
  });
});
