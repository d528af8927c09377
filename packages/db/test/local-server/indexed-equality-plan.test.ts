import { type Collection, type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';

// Always the project's own server: these check the index pushdown patched into
// tools/local-mongo/_overlay (internal/backends/sqlite/pushdown.go).
let server: LocalMongo;
let client: MongoClient;
let db: Db;

type Org = { _id: string; slug: string; email: string; state: string; owner: string; rank: number; note?: string };
let orgs: Collection<Org>;

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('test_indexed_equality_plan');
  orgs = db.collection<Org>('orgs');
  await orgs.createIndex({ slug: 1 }, { unique: true });
  await orgs.createIndex({ email: 1 }, { unique: true });
  await orgs.createIndex({ state: 1 });
  await orgs.createIndex({ owner: 1, rank: -1 });
  await orgs.createIndex({ 'odd-name': 1 });
  await orgs.insertMany(
    Array.from({ length: 50 }, (_, i) => ({
      _id: `org${i}`,
      slug: `slug_${i}`,
      email: `admin${i}@example.test`,
      state: i % 5 === 0 ? 'deleting' : 'active',
      owner: `owner${i % 3}`,
      rank: i,
    })),
  );
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

type Explained = { queryPlanner: { Plan: string[] }; filterPushdown: boolean };
const planOf = async (filter: Record<string, unknown>) => {
  const explained = (await orgs.find(filter).explain()) as unknown as Explained;
  return { pushdown: explained.filterPushdown, plan: explained.queryPlanner.Plan.join('\n') };
};
const searchUsing = (index: string) => new RegExp(`SEARCH \\S+ USING INDEX \\S+_${index}\\b`);

describe('the local server answers equalities on indexed fields through the index', () => {
  it('uses a unique index for an equality on its field', async () => {
    expect(await planOf({ slug: 'slug_7' })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(searchUsing('slug_1')),
    });
    expect(await planOf({ email: { $eq: 'admin7@example.test' } })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(searchUsing('email_1')),
    });
  });

  it('uses a non-unique index, and a compound index led by the field', async () => {
    expect(await planOf({ state: 'active' })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(searchUsing('state_1')),
    });
    expect(await planOf({ owner: 'owner1' })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(searchUsing('owner_1_rank_-1')),
    });
  });

  it('uses the index for a $in of values it pushes down (the reconciler: state in a list, updated before)', async () => {
    expect(await planOf({ state: { $in: ['deleting', 'renaming'] }, rank: { $lt: 20 } })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(searchUsing('state_1')),
    });
    expect(await planOf({ slug: { $in: ['slug_1', 'slug_2'] } })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(searchUsing('slug_1')),
    });
    const found = await orgs.find({ state: { $in: ['deleting', 'renaming'] }, rank: { $lt: 20 } }).toArray();
    expect(found.map((o) => o._id).sort()).toEqual(['org0', 'org10', 'org15', 'org5']);
  });

  it('prefers the unique index when the filter has several indexed keys', async () => {
    const { plan } = await planOf({ state: 'active', slug: 'slug_7', rank: 7 });
    expect(plan).toMatch(searchUsing('slug_1'));
    expect(plan).not.toMatch(/state_1/);
  });

  it('still scans for unindexed fields, non-leading compound fields, unusual names, other operators and $in lists it cannot push down', async () => {
    for (const filter of [
      { note: 'x' },
      { rank: 7 },
      { slug: { $in: [] } },
      { slug: { $in: ['slug_1', /^slug_2/] } },
      { slug: /^slug_1/ },
      { slug: { $ne: 'x' } },
      { 'slug.x': 'y' },
      { 'odd-name': 'x' },
    ]) {
      const { pushdown, plan } = await planOf(filter);
      expect({ filter, pushdown, scans: /SCAN /.test(plan) }).toEqual({ filter, pushdown: false, scans: true });
    }
  });

  it('finds, counts, updates and deletes the right documents through the index', async () => {
    expect(await orgs.findOne({ slug: 'slug_7' })).toMatchObject({ _id: 'org7', email: 'admin7@example.test' });
    expect(await orgs.findOne({ slug: 'slug_missing' })).toBeNull();
    expect(await orgs.findOne({ slug: 'slug_7', state: 'deleting' })).toBeNull();
    expect(await orgs.countDocuments({ state: 'deleting' })).toBe(10);
    expect((await orgs.find({ owner: 'owner1' }).sort({ rank: -1 }).limit(3).toArray()).map((o) => o.rank)).toEqual([
      49, 46, 43,
    ]);
    const active = (await orgs.find({ state: 'active' }).toArray()).map((o) => o._id).sort();
    expect(active).toHaveLength(40);
    expect(
      (await orgs.find({ state: 'active' }).sort({ _id: 1 }).skip(2).limit(2).toArray()).map((o) => o._id),
    ).toEqual(active.slice(2, 4));

    const updated = await orgs.findOneAndUpdate(
      { email: 'admin8@example.test', state: 'active' },
      { $set: { note: 'seen' } },
      { returnDocument: 'after' },
    );
    expect(updated).toMatchObject({ _id: 'org8', note: 'seen' });
    expect((await orgs.updateMany({ state: 'deleting' }, { $set: { note: 'gone' } })).modifiedCount).toBe(10);
    expect((await orgs.deleteOne({ slug: 'slug_9' })).deletedCount).toBe(1);
    expect((await orgs.deleteMany({ state: 'deleting' })).deletedCount).toBe(10);
    expect(await orgs.countDocuments({})).toBe(39);
    expect(await orgs.countDocuments({ note: 'gone' })).toBe(0);
    expect(await orgs.findOne({ slug: 'slug_9' })).toBeNull();
  });
});
