import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';

// Always the project's own server: these check the patches in tools/local-mongo/_overlay.
let server: LocalMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('test_patched_ferretdb');
  await db.collection('docs').insertMany([
    { _id: 'a' as never, version: 1, slug: 'alpha' },
    { _id: 'b' as never, version: 2, slug: 'beta' },
  ]);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

type Explained = { queryPlanner: { Plan: string[] }; filterPushdown: boolean };
const planOf = async (filter: Record<string, unknown>) =>
  (await db.collection('docs').find(filter).explain()) as unknown as Explained;

describe('the local server uses its _id index', () => {
  it('selects by the _id index when _id is the only key', async () => {
    const explained = await planOf({ _id: 'a' });
    expect(explained.filterPushdown).toBe(true);
    expect(explained.queryPlanner.Plan.join('\n')).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
  });

  it('selects by the _id index when the filter has other keys (compare-and-set)', async () => {
    const explained = await planOf({ _id: 'a', version: 1 });
    expect(explained.filterPushdown).toBe(true);
    expect(explained.queryPlanner.Plan.join('\n')).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
  });

  it('still applies the other keys of the filter', async () => {
    const docs = db.collection<{ _id: string; version: number; slug: string }>('docs');
    expect(await docs.findOne({ _id: 'a', version: 1 })).toEqual({ _id: 'a', version: 1, slug: 'alpha' });
    expect(await docs.findOne({ _id: 'a', version: 2 })).toBeNull();
    expect(await docs.findOneAndUpdate({ _id: 'b', version: 1 }, { $set: { slug: 'nope' } })).toBeNull();
    expect(
      await docs.findOneAndUpdate({ _id: 'b', version: 2 }, { $set: { slug: 'gamma' } }, { returnDocument: 'after' }),
    ).toEqual({
      _id: 'b',
      version: 2,
      slug: 'gamma',
    });
    expect(await docs.countDocuments({ _id: 'a', slug: 'beta' })).toBe(0);
  });

  it('scans, as before, for filters on unindexed fields without _id', async () => {
    const explained = await planOf({ slug: 'alpha' });
    expect(explained.filterPushdown).toBe(false);
    expect(explained.queryPlanner.Plan.join('\n')).toMatch(/SCAN /);
    expect(await db.collection('docs').countDocuments({ slug: 'alpha' })).toBe(1);
  });

  it('lists one collection by name, and every collection without a filter', async () => {
    await db.createCollection('listed_one');
    await db.createCollection('listed_two');
    const named = await db.listCollections({ name: 'listed_two' }, { nameOnly: true }).toArray();
    expect(named.map((c) => c.name)).toEqual(['listed_two']);
    expect(await db.listCollections({ name: 'missing' }).toArray()).toEqual([]);
    const all = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(all).toEqual(['docs', 'listed_one', 'listed_two']);
  });

  it('findAndModify and update still pick, change, insert and remove the right document', async () => {
    const queue = db.collection<{ _id: string; rank: number; state: string }>('queue');
    await queue.insertMany([
      { _id: 'q1', rank: 3, state: 'new' },
      { _id: 'q2', rank: 1, state: 'new' },
      { _id: 'q3', rank: 2, state: 'new' },
    ]);
    const first = await queue.findOneAndUpdate(
      { state: 'new' },
      { $set: { state: 'taken' } },
      { sort: { rank: 1 }, returnDocument: 'after' },
    );
    expect(first).toEqual({ _id: 'q2', rank: 1, state: 'taken' });
    expect(
      await queue.findOneAndUpdate(
        { _id: 'q4' },
        { $set: { rank: 4, state: 'new' } },
        { upsert: true, returnDocument: 'after' },
      ),
    ).toEqual({
      _id: 'q4',
      rank: 4,
      state: 'new',
    });
    expect(await queue.findOneAndDelete({ state: 'new' }, { sort: { rank: -1 } })).toEqual({
      _id: 'q4',
      rank: 4,
      state: 'new',
    });
    expect((await queue.updateOne({ state: 'new' }, { $set: { state: 'done' } })).modifiedCount).toBe(1);
    expect((await queue.updateMany({}, { $inc: { rank: 10 } })).modifiedCount).toBe(3);
    expect(await queue.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'q1', rank: 13, state: expect.stringMatching(/^(new|done)$/) },
      { _id: 'q2', rank: 11, state: 'taken' },
      { _id: 'q3', rank: 12, state: expect.stringMatching(/^(new|done)$/) },
    ]);
    expect(await queue.countDocuments({ state: 'done' })).toBe(1);
  });
});
