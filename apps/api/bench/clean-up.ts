import type { LocalMongo } from '@orgsphere/db/local-server';
import { MongoClient } from 'mongodb';

/** Drops the run's databases (best effort) and stops the database server the run provisioned. */
export const dropBenchDatabase = async (mongo: LocalMongo, ...masterDbNames: string[]): Promise<void> => {
  const inspector = new MongoClient(mongo.uri);
  for (const name of masterDbNames) {
    await inspector
      .db(name)
      .dropDatabase()
      .catch(() => undefined);
  }
  await inspector.close();
  await mongo.stop();
};
