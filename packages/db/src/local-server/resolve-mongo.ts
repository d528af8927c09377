import { findExecutable } from './find-executable.js';
import { startFerretDb } from './ferretdb-server.js';
import { startMongod } from './mongod-server.js';
import type { LocalMongo, ResolveMongoOptions } from './types.js';

/**
 * The database for dev and tests: MONGO_URI as given; else a mongod from PATH;
 * else the project's FerretDB-based server (needs Go, throws LocalMongoUnavailableError).
 */
export const resolveMongo = async (options: ResolveMongoOptions = {}): Promise<LocalMongo> => {
  const { mongoUri, ...serverOptions } = options;
  if (mongoUri) return { uri: mongoUri, kind: 'external', stop: async () => undefined };
  const mongod = findExecutable('mongod');
  if (mongod !== undefined) return startMongod(mongod, serverOptions);
  return startFerretDb(serverOptions);
};
