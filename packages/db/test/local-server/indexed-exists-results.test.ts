import { type Collection, type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';
import { idsOf, pushdownOf } from './query-probes.js';

// The $exists pushdown (tools/local-mongo/_overlay, internal/backends/sqlite/pushdown_exists.go)
// is only a pre-filter: the same documents in an indexed and an unindexed collection (the
// upstream scan path) must answer every $exists identically.
let server: LocalMongo;
let client: MongoClient;
let db: Db;
let indexed: Collection<Sample>;
let scanned: Collection<Sample>;

type Sample = { _id: number; k?: string; a?: unknown };

// Values of `a` for the paths a.b and a.b.c. FerretDB v1 refuses nested arrays
// ([[{b: 1}]]) in documents, indexed or not (the last test checks it), so none is here.
const values: unknown[] = [
  null,
  1,
  'b',
  true,
  new Date(0),
  [],
  [{ b: 1 }],
  [{ b: null }],
  [{ c: 1 }],
  [{ c: 1 }, { b: 2 }],
  [{}],
  [1, 2],
  ['b'],
  [null],
  [1, { b: 1 }],
  [{ b: { c: 1 } }],
  [{ b: [{ c: 1 }] }],
  [{ b: [] }],
  [{ b: { d: 1 } }],
  { b: 1 },
  { b: null },
  { b: [] },
  { b: [1] },
  { b: { c: 1 } },
  { b: { c: null } },
  { b: { d: 1 } },
  { b: [{ c: 1 }] },
  { b: [{ d: 1 }] },
  { b: {} },
  { c: 1 },
  { c: { b: 1 } },
  {},
  { B: 1 },
];

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('test_indexed_exists_results');
  indexed = db.collection<Sample>('indexed');
  scanned = db.collection<Sample>('scanned');
  await indexed.createIndex({ 'a.b': 1 }, { sparse: true });
  await indexed.createIndex({ 'a.b.c': 1 });
  await indexed.createIndex({ a: 1 });
  await indexed.createIndex({ k: 1 });
  const docs: Sample[] = [{ _id: 0 }, ...values.map((a, i) => ({ _id: i + 1, k: i % 2 ? 'odd' : 'even', a }))];
  await indexed.insertMany(docs.map((d) => ({ ...d })));
  await scanned.insertMany(docs.map((d) => ({ ...d })));
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

// Each filter with whether the server pushes it down (see pushdown_exists.go).
const filters: [Record<string, unknown>, boolean][] = [
  [{ 'a.b': { $exists: true } }, true],
  [{ 'a.b.c': { $exists: true } }, true],
  [{ a: { $exists: true } }, true],
  [{ k: 'odd', 'a.b': { $exists: true } }, true],
  [{ 'a.b': { $exists: true }, 'a.b.c': { $exists: true } }, true],
  [{ 'a.b': { $exists: false } }, false],
  [{ 'a.b.c': { $exists: false } }, false],
  [{ a: { $exists: false } }, false],
  [{ 'a.b': { $exists: 1 } }, false],
  [{ 'a.b': { $exists: 0 } }, false],
  [{ 'a.c': { $exists: true } }, false],
  [{ 'a.0': { $exists: true } }, false],
  [{ 'a.b': { $exists: true, $ne: null } }, false],
];

describe('$exists through the index answers exactly like the scan', () => {
  it.each(filters.map(([filter, pushdown]) => [JSON.stringify(filter), filter, pushdown] as const))(
    '%s',
    async (_, filter, pushdown) => {
      const expected = await idsOf(scanned, filter);
      expect({ filter, ids: await idsOf(indexed, filter) }).toEqual({ filter, ids: expected });
      expect({ filter, pushdown: await pushdownOf(indexed, filter) }).toEqual({ filter, pushdown });
      expect(await indexed.countDocuments(filter)).toBe(expected.length);
      const distinct = (c: Collection<Sample>) => c.distinct('k', filter);
      expect(await distinct(indexed)).toEqual(await distinct(scanned));
    },
  );

  it('finds documents of every kind the path can exist in, and only those', async () => {
    // what MongoDB matches too: a key under a document, in a document of an array, of any value
    const exists = await idsOf(scanned, { 'a.b': { $exists: true } });
    const idOf = (a: unknown) => values.findIndex((v) => JSON.stringify(v) === JSON.stringify(a)) + 1;
    expect(exists).toEqual(
      expect.arrayContaining([{ b: 1 }, { b: null }, [{ b: null }], [{ c: 1 }, { b: 2 }]].map(idOf)),
    );
    expect(exists).not.toEqual(expect.arrayContaining([idOf([])]));
    expect(exists).not.toEqual(expect.arrayContaining([idOf([{ c: 1 }])]));
    expect(await idsOf(indexed, { 'a.b': { $exists: true } })).toEqual(exists);
  });

  it('updates and deletes the same documents', async () => {
    for (const filter of [{ 'a.b.c': { $exists: true } }, { 'a.b': { $exists: true } }]) {
      const [a, b] = await Promise.all([indexed, scanned].map((c) => c.updateMany(filter, { $set: { k: 'touched' } })));
      expect(a?.modifiedCount).toBe(b?.modifiedCount);
    }
    const [a, b] = await Promise.all([indexed, scanned].map((c) => c.deleteMany({ a: { $exists: true } })));
    expect(a?.deletedCount).toBe(b?.deletedCount);
    expect(await idsOf(indexed, {})).toEqual(await idsOf(scanned, {}));
    expect(await idsOf(indexed, { k: 'touched' })).toEqual(await idsOf(scanned, { k: 'touched' }));
  });

  it('refuses nested arrays in both collections, which is why no value above holds one', async () => {
    for (const c of [indexed, scanned]) {
      await expect(c.insertOne({ _id: 1000, a: [[{ b: 1 }]] })).rejects.toThrow(/nested arrays/);
    }
  });
});
