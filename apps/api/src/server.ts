// The production entry (`node dist/server.js`, the Docker image): it connects to MONGO_URI
// and never provisions a database, so the bundle carries no local-server tooling.
// Development with a local database starts from dev.ts instead.
import { EnvError } from './env.js';
import { exitAfterFailedStart } from './start-failure.js';
import { readStartupEnv, startServer } from './start-server.js';

const start = async () => {
  const env = readStartupEnv();
  if (!env.MONGO_URI) {
    throw new EnvError(
      'MONGO_URI is required: set it to your MongoDB (mongodb:// or mongodb+srv://), or run `pnpm dev` for a local database.',
    );
  }
  await startServer(env, { mongoUri: env.MONGO_URI });
};

start().catch((error: unknown) => exitAfterFailedStart(error, { underDevWatcher: false }));
