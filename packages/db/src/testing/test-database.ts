import './provided-context.js';
import { randomBytes } from 'node:crypto';

import { type Db, MongoClient } from 'mongodb';
import { inject } from 'vitest';

export type TestDatabase = {
  client: MongoClient;
  db: Db;
  /** Drops this file's database and closes the client. */
  dropAndClose(): Promise<void>;
};

const uniqueDatabaseName = (): string =>
  `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

const mongoUri = (): string => {
  const uri = inject('mongoUri') ?? process.env.MONGO_URI;
  if (!uri) throw new Error('no mongoUri: add @orgsphere/db/testing/global-setup to the vitest globalSetup');
  return uri;
};

/**
 * Connects to the run's server and opens a database of its own (named test_...),
 * so test files never see each other's data. Call once per file, in beforeAll.
 */
export const connectTestDatabase = async (): Promise<TestDatabase> => {
  const client = new MongoClient(mongoUri());
  await client.connect();
  const db = client.db(uniqueDatabaseName());
  return {
    client,
    db,
    dropAndClose: async () => {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
};
