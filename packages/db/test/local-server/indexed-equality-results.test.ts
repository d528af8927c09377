import { type Collection, type Db, Double, Int32, Long, MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';
import { idsOf, pushdownOf } from './query-probes.js';

// The index pushdown (tools/local-mongo/_overlay, internal/backends/sqlite/pushdown.go) is
// only a pre-filter: the same documents in an indexed and an unindexed collection (the
// upstream scan path) must answer every equality identically.
let server: LocalMongo;
let client: MongoClient;
let db: Db;
let indexed: Collection<Sample>;
let scanned: Collection<Sample>;

type Sample = { _id: number; v?: unknown };

const oid = new ObjectId('507f1f77bcf86cd799439011');
const values: unknown[] = [
  'acme',
  'Acme',
  '',
  'a<b>&c',
  'quote"back\\slash',
  'line\nbreak',
  'émoji 🎉',
  '\u2028',
  '1',
  'true',
  'null',
  oid.toHexString(),
  new Int32(1),
  Long.fromNumber(1),
  new Double(1),
  new Double(1.5),
  new Int32(0),
  new Double(-0),
  Long.fromNumber(0),
  new Int32(-7),
  new Double(-7),
  Long.fromNumber(2 ** 53 - 1),
  new Double(2 ** 53 - 1),
  Long.fromString('9007199254740993'),
  new Double(2 ** 53),
  new Double(1e-7),
  new Double(0.1),
  new Double(1e21),
  new Int32(2147483647),
  new Double(2147483647),
  null,
  true,
  false,
  new Date(0),
  new Date('2026-01-01T00:00:00.123Z'),
  oid,
  new ObjectId('65a000000000000000000001'),
  ['acme', 'x'],
  [new Int32(1), new Int32(2)],
  [],
  [null],
  ['x', { k: 'acme' }],
  [true, new Date(0)],
  { a: new Int32(1) },
  { a: new Int32(1), b: 'x' },
  { b: 'x', a: new Int32(1) },
  { a: null },
];
// Values no document holds, and other spellings of held ones. FerretDB v1 refuses nested
// arrays, and a NaN in a document or a filter closes the connection, indexed or not.
const probes: unknown[] = [
  'missing',
  new Int32(2),
  Long.fromNumber(2),
  new Double(2),
  new Double(1),
  Long.fromString('9007199254740992'),
  Long.fromString('9007199254740993'),
  new Double(-0),
  new Date(1),
  new ObjectId('65a000000000000000000002'),
  [new Int32(1)],
  [new Int32(2), new Int32(1)],
  { a: new Int32(2) },
  new Double(Infinity),
];

/** The query values whose equality (and $in) the server pushes down into SQLite (see pushdown.go). */
const isPushedDown = (q: unknown): boolean =>
  typeof q === 'string' ||
  typeof q === 'boolean' ||
  q === null ||
  q instanceof Date ||
  q instanceof ObjectId ||
  q instanceof Int32 ||
  (q instanceof Long && Math.abs(q.toNumber()) < 2 ** 53) ||
  (q instanceof Double && Number.isFinite(q.value) && (!Number.isInteger(q.value) || Math.abs(q.value) < 2 ** 53));

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('test_indexed_equality_results');
  indexed = db.collection<Sample>('indexed');
  scanned = db.collection<Sample>('scanned');
  await indexed.createIndex({ v: 1 });
  const docs: Sample[] = [{ _id: 0 }, ...values.map((v, i) => ({ _id: i + 1, v }))];
  await indexed.insertMany(docs.map((d) => ({ ...d })));
  await scanned.insertMany(docs.map((d) => ({ ...d })));
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('equality through the index answers exactly like the scan', () => {
  it.each([...values, ...probes].map((q, i) => [i, q] as const))('query value %i', async (_, q) => {
    for (const filter of [{ v: q }, { v: { $eq: q } }, { v: { $in: [q] } }]) {
      const expected = await idsOf(scanned, filter);
      expect({ filter, ids: await idsOf(indexed, filter) }).toEqual({ filter, ids: expected });
      expect({ filter, pushdown: await pushdownOf(indexed, filter) }).toEqual({ filter, pushdown: isPushedDown(q) });
      expect(await indexed.countDocuments(filter)).toBe(expected.length);
    }
  });

  it('matches MongoDB equality: numbers across types, array elements, null and missing', async () => {
    const idOf = (v: unknown) => values.indexOf(v) + 1;
    const ones = [new Int32(1), Long.fromNumber(1), new Double(1)].map((v) =>
      idOf(values.find((x) => x?.constructor === v.constructor && Number(x) === 1)),
    );
    const arrayWithOne = idOf(values.find((x) => Array.isArray(x) && x.length === 2 && x[0] instanceof Int32));
    expect(await idsOf(indexed, { v: new Double(1) })).toEqual([...ones, arrayWithOne].sort((a, b) => a - b));
    expect(await idsOf(indexed, { v: 'acme' })).toEqual(await idsOf(scanned, { v: 'acme' }));
    expect(await idsOf(indexed, { v: 'acme' })).toContain(
      idOf(values.find((x) => Array.isArray(x) && x[0] === 'acme')),
    );
    expect(await idsOf(indexed, { v: null })).toEqual(expect.arrayContaining([0, idOf(null)]));
    expect(await idsOf(indexed, { v: new Int32(0) })).toHaveLength(3);
  });

  it('answers $in lists like the scan, through the index when every value is pushed down', async () => {
    const lists: unknown[][] = [
      ['acme', new Int32(1), null, oid],
      [new Int32(1), new Double(1), Long.fromNumber(1)],
      [true, false, new Date(0), 'missing'],
      ['missing', new Int32(2)],
      [null],
      [],
      ['acme', /^ac/],
      ['acme', { a: new Int32(1) }],
      ['acme', ['acme', 'x']],
      ['acme', Long.fromString('9007199254740993')],
    ];
    for (const list of lists) {
      const filter = { v: { $in: list } };
      const expected = await idsOf(scanned, filter);
      expect({ filter, ids: await idsOf(indexed, filter) }).toEqual({ filter, ids: expected });
      const pushdown = list.length > 0 && list.every(isPushedDown);
      expect({ filter, pushdown: await pushdownOf(indexed, filter) }).toEqual({ filter, pushdown });
      expect(await indexed.countDocuments(filter)).toBe(expected.length);
    }
  });

  it('sorts, skips and limits the same', async () => {
    for (const q of ['acme', new Int32(1), null, true]) {
      const query = (c: Collection<Sample>) =>
        c
          .find({ v: q }, { projection: { _id: 1 } })
          .sort({ _id: -1 })
          .skip(1)
          .limit(2)
          .toArray();
      expect(await query(indexed)).toEqual(await query(scanned));
    }
  });

  it('updates and deletes the same documents', async () => {
    for (const q of ['acme', new Double(1), null, false, oid]) {
      const [a, b] = await Promise.all(
        [indexed, scanned].map((c) => c.updateMany({ v: q }, { $set: { touched: true } })),
      );
      expect(a?.modifiedCount).toBe(b?.modifiedCount);
    }
    for (const q of [new Int32(-7), new Date(0), 'Acme']) {
      const [a, b] = await Promise.all([indexed, scanned].map((c) => c.deleteMany({ v: q })));
      expect(a?.deletedCount).toBe(b?.deletedCount);
    }
    expect(await idsOf(indexed, { touched: true })).toEqual(await idsOf(scanned, { touched: true }));
    expect(await idsOf(indexed, {})).toEqual(await idsOf(scanned, {}));
  });
});
