import type { LocalMongo } from '@orgsphere/db/local-server';
import { MongoClient } from 'mongodb';

/** Drops the run's database (best effort) and stops the database server the run provisioned. */
export const dropBenchDatabase = async (mongo: LocalMongo, masterDbName: string): Promise<void> => {
  const inspector = new MongoClient(mongo.uri);
  await inspector
    .db(masterDbName)
    .dropDatabase()
    .catch(() => undefined);
  await inspector.close();
  await mongo.stop();
};
