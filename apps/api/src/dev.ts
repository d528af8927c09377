// The development entry (`pnpm dev`, `pnpm start`): without MONGO_URI it provisions the
// local MongoDB-compatible server (building it with Go on first use), then starts the
// same server as production. Never part of the production bundle.
import { fileURLToPath } from 'node:url';

import { LocalMongoUnavailableError, resolveMongo } from '@orgsphere/db/local-server';

import { runsUnderDevWatcher } from './env.js';
import { exitAfterFailedStart } from './start-failure.js';
import { readStartupEnv, startServer } from './start-server.js';

/** `pnpm dev` keeps its local data here between runs (git-ignored). */
const localDataDir = fileURLToPath(new URL('../../../.data/local-mongo', import.meta.url));

const start = async () => {
  const env = readStartupEnv();
  const mongo = await resolveMongo({
    ...(env.MONGO_URI ? { mongoUri: env.MONGO_URI } : {}),
    dataDir: localDataDir,
    log: (line) => console.error(`[local-db] ${line}`),
  });
  try {
    const { app } = await startServer(env, { mongoUri: mongo.uri, onStopped: () => mongo.stop() });
    if (mongo.kind !== 'external') app.log.info(`local database (${mongo.kind}): MONGO_URI=${mongo.uri}`);
  } catch (error) {
    await mongo.stop();
    throw error;
  }
};

start().catch((error: unknown) =>
  exitAfterFailedStart(error, {
    underDevWatcher: runsUnderDevWatcher(),
    isUsersToFix: (e) => e instanceof LocalMongoUnavailableError,
  }),
);
