import { type Collection, type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';

// Always the project's own server: these check the $exists pushdown patched into
// tools/local-mongo/_overlay (internal/backends/sqlite/pushdown_exists.go and the exists
// indexes of metadata/exists_index.go).
let server: LocalMongo;
let client: MongoClient;
let db: Db;

type Outbox = { _id: string; organization_id: string; state: string; retire_after?: Date; pending_events: object[] };
let orgs: Collection<Outbox>;

// The relay's query (packages/db/src/webhooks/webhook-outbox.ts).
const withPending = { 'pending_events._id': { $exists: true } };
const pendingIds = ['org3', 'org17', 'org40'];

const outboxDocument = (i: number): Outbox => ({
  _id: `org${i}`,
  organization_id: `owner${i % 4}`,
  state: 'active',
  ...(i % 10 === 0 ? { retire_after: new Date(0) } : {}),
  pending_events: pendingIds.includes(`org${i}`) ? [{ _id: `ev${i}`, type: 'organization.created' }] : [],
});

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('test_indexed_exists_plan');
  orgs = db.collection<Outbox>('orgs');
  await orgs.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events', sparse: true });
  await orgs.createIndex({ organization_id: 1 });
  await orgs.createIndex({ retire_after: 1 }, { sparse: true });
  await orgs.insertMany(Array.from({ length: 50 }, (_, i) => outboxDocument(i)));
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

type Explained = { queryPlanner: { Plan: string[] }; filterPushdown: boolean };
const planOf = async (collection: string, filter: Record<string, unknown>) => {
  const explained = (await db.collection(collection).find(filter).explain()) as unknown as Explained;
  return { pushdown: explained.filterPushdown, plan: explained.queryPlanner.Plan.join('\n') };
};
/** The partial index the server keeps beside an index led by a dotted path. */
const readsExistsIndexOf = (index: string) => new RegExp(`SCAN \\S+ USING INDEX _ferretdb_exists_\\S+_${index}$`, 'm');
const scansTable = /SCAN \S+$/m;
const idsWithPending = async (collection: string) =>
  (
    await db
      .collection(collection)
      .find(withPending, { projection: { pending_events: 1 } })
      .toArray()
  )
    .map((d) => String(d._id))
    .sort();

describe('the local server answers $exists on an indexed path through an index', () => {
  it("reads only the exists index for the relay's query", async () => {
    expect(await planOf('orgs', withPending)).toEqual({
      pushdown: true,
      plan: expect.stringMatching(readsExistsIndexOf('pending_events')),
    });
    expect(await idsWithPending('orgs')).toEqual([...pendingIds].sort());
  });

  it('combined with an equality on an indexed field, reads an index, not the table', async () => {
    const { pushdown, plan } = await planOf('orgs', { organization_id: 'owner1', ...withPending });
    expect({ pushdown, scansTable: scansTable.test(plan), usesIndex: /USING INDEX/.test(plan) }).toEqual({
      pushdown: true,
      scansTable: false,
      usesIndex: true,
    });
    const found = await orgs.find({ organization_id: 'owner1', ...withPending }).toArray();
    expect(found.map((d) => d._id)).toEqual(pendingIds.filter((id) => Number(id.slice(3)) % 4 === 1));
  });

  it("answers $exists on an indexed top-level field through a range of that field's index", async () => {
    expect(await planOf('orgs', { retire_after: { $exists: true } })).toEqual({
      pushdown: true,
      plan: expect.stringMatching(/SEARCH \S+ USING INDEX \S+_retire_after_1 \(<expr>>\?\)/),
    });
    expect(await orgs.countDocuments({ retire_after: { $exists: true } })).toBe(5);
  });

  it('still scans for $exists false, a non-boolean $exists, unindexed paths and other operators', async () => {
    for (const filter of [
      { 'pending_events._id': { $exists: false } },
      { 'pending_events._id': { $exists: 1 } },
      { 'pending_events.type': { $exists: true } },
      { 'pending_events._id': { $exists: true, $ne: 'x' } },
      { 'pending_events._id': 'ev3' },
      { state: { $exists: true } },
      { _id: { $exists: true } },
    ]) {
      const { pushdown, plan } = await planOf('orgs', filter);
      expect({ filter, pushdown, scans: scansTable.test(plan) }).toEqual({ filter, pushdown: false, scans: true });
    }
  });

  it('follows the outbox: emptied by $pullAll a document leaves the index, a new event brings it back', async () => {
    await orgs.updateOne(
      { _id: 'org3' },
      { $pullAll: { pending_events: [{ _id: 'ev3', type: 'organization.created' }] } },
    );
    expect(await idsWithPending('orgs')).toEqual(['org17', 'org40']);
    await orgs.updateOne({ _id: 'org3' }, { $push: { pending_events: { _id: 'ev3b', type: 'organization.renamed' } } });
    expect(await idsWithPending('orgs')).toEqual([...pendingIds].sort());
    expect((await orgs.updateMany(withPending, { $set: { state: 'relaying' } })).modifiedCount).toBe(3);
    expect(await orgs.countDocuments({ state: 'relaying' })).toBe(3);
  });
});

describe('the exists index follows the index it is kept beside', () => {
  it('is gone with its index, and back when the index is created again', async () => {
    const copy = db.collection<Outbox>('dropped_index');
    await copy.insertMany(Array.from({ length: 50 }, (_, i) => outboxDocument(i)));
    await copy.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events', sparse: true });
    expect((await planOf('dropped_index', withPending)).plan).toMatch(readsExistsIndexOf('pending_events'));

    await copy.dropIndex('pending_events');
    expect(await planOf('dropped_index', withPending)).toEqual({
      pushdown: false,
      plan: expect.stringMatching(scansTable),
    });
    expect(await idsWithPending('dropped_index')).toEqual([...pendingIds].sort());

    await copy.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events', sparse: true });
    expect((await planOf('dropped_index', withPending)).plan).toMatch(readsExistsIndexOf('pending_events'));
    expect(await idsWithPending('dropped_index')).toEqual([...pendingIds].sort());
  });

  it('moves with a renamed collection, and goes with a dropped one', async () => {
    const before = db.collection<Outbox>('before_rename');
    await before.insertMany(Array.from({ length: 50 }, (_, i) => outboxDocument(i)));
    await before.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events', sparse: true });
    const renamed = await before.rename('after_rename');
    expect((await planOf('after_rename', withPending)).plan).toMatch(readsExistsIndexOf('pending_events'));
    expect(await idsWithPending('after_rename')).toEqual([...pendingIds].sort());

    // a new collection under the old name, then the renamed one dropped and made again
    const reused = db.collection<Outbox>('before_rename');
    await reused.insertOne(outboxDocument(3));
    await reused.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events', sparse: true });
    expect(await idsWithPending('before_rename')).toEqual(['org3']);
    await renamed.drop();
    const remade = db.collection<Outbox>('after_rename');
    await remade.insertOne(outboxDocument(17));
    await remade.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events', sparse: true });
    expect((await planOf('after_rename', withPending)).plan).toMatch(readsExistsIndexOf('pending_events'));
    expect(await idsWithPending('after_rename')).toEqual(['org17']);
  });

  it('leaves nothing behind when a createIndexes fails part-way, so the same indexes can be created again', async () => {
    const failing = db.collection<{ dup: number; pending_events?: object[] }>('failed_create');
    await failing.insertMany([{ dup: 1, pending_events: [{ _id: 'e' }] }, { dup: 1 }]);
    await expect(
      failing.createIndexes([
        { key: { 'pending_events._id': 1 }, name: 'pending_events' },
        { key: { dup: 1 }, name: 'dup', unique: true },
      ]),
    ).rejects.toThrow();
    expect((await failing.indexes()).map((i) => i.name)).toEqual(['_id_']);

    await failing.createIndex({ 'pending_events._id': 1 }, { name: 'pending_events' });
    expect((await planOf('failed_create', withPending)).plan).toMatch(readsExistsIndexOf('pending_events'));
    expect(await failing.countDocuments(withPending)).toBe(1);
  });
});
