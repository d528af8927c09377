import { type Collection, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';

// Always the project's own server (not MONGO_URI): these prove its front makes
// single-document writes atomic, which FerretDB v1 alone does not.
let server: LocalMongo;
let client: MongoClient;
let collection: Collection<{ _id: string; state?: string; n?: number; key?: string }>;

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri, { maxPoolSize: 50 });
  await client.connect();
  collection = client.db('test_atomicity').collection('docs');
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

const callers = 20;
const times = <T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => fn(i)));

describe('single-document atomicity under concurrency', () => {
  it('compare-and-set: exactly one of 20 concurrent callers wins, every round', async () => {
    for (let round = 0; round < 10; round += 1) {
      const _id = `cas-${round}`;
      await collection.insertOne({ _id, state: 'a' });
      const results = await times(callers, () =>
        collection.findOneAndUpdate({ _id, state: 'a' }, { $set: { state: 'b' } }),
      );
      expect(results.filter((doc) => doc !== null)).toHaveLength(1);
      expect(await collection.findOne({ _id })).toEqual({ _id, state: 'b' });
    }
  });

  it('20 concurrent $inc of one field end at 20', async () => {
    await collection.insertOne({ _id: 'counter', n: 0 });
    await times(callers, () => collection.updateOne({ _id: 'counter' }, { $inc: { n: 1 } }));
    expect(await collection.findOne({ _id: 'counter' })).toEqual({ _id: 'counter', n: callers });
  });

  it('20 concurrent inserts of one unique key: one succeeds, the rest fail with 11000', async () => {
    const unique = client.db('test_atomicity').collection<{ key: string }>('unique_keys');
    await unique.createIndex({ key: 1 }, { unique: true });
    const outcomes = await Promise.allSettled(Array.from({ length: callers }, () => unique.insertOne({ key: 'same' })));
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(failures).toHaveLength(callers - 1);
    for (const failure of failures) {
      expect(failure.reason).toBeInstanceOf(MongoServerError);
      expect((failure.reason as MongoServerError).code).toBe(11000);
    }
    expect(await unique.countDocuments({ key: 'same' })).toBe(1);
  });
});
