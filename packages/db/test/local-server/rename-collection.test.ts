import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type LocalMongo, startFerretDb } from '../../src/local-server/index.js';

let server: LocalMongo;
let client: MongoClient;

beforeAll(async () => {
  server = await startFerretDb();
  client = new MongoClient(server.uri);
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

it('renameCollection keeps documents and indexes', async () => {
  const db = client.db('test_rename');
  const before = db.collection<{ _id: number; email: string }>('org_before');
  await before.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, email: `user${i}@example.test` })));
  await before.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });

  await before.rename('org_after');

  const after = db.collection<{ _id: number; email: string }>('org_after');
  expect(await after.countDocuments()).toBe(50);
  expect(await after.findOne({ _id: 7 })).toEqual({ _id: 7, email: 'user7@example.test' });
  const indexes = await after.indexes();
  expect(indexes.find((index) => index.name === 'email_unique')).toMatchObject({ key: { email: 1 }, unique: true });
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  expect(names).toContain('org_after');
  expect(names).not.toContain('org_before');
});
