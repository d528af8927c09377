// `pnpm db`: the local database alone, for mongosh, Compass or scripts.
import { join } from 'node:path';

import { LocalMongoUnavailableError } from './errors.js';
import { findRepoRoot } from './repo-root.js';
import { resolveMongo } from './resolve-mongo.js';

const waitForSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    // Signal listeners do not keep Node running; this timer does.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const onSignal = (signal: NodeJS.Signals): void => {
      clearInterval(keepAlive);
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

const main = async (): Promise<void> => {
  const mongoUri = process.env.MONGO_URI;
  if (mongoUri) {
    console.log(`MONGO_URI=${mongoUri}`);
    console.error('MONGO_URI is set, so no local server is started.');
    return;
  }
  const server = await resolveMongo({
    dataDir: join(findRepoRoot(), '.data', 'local-mongo'),
    log: (line) => console.error(line),
  });
  console.log(`MONGO_URI=${server.uri}`);
  console.error(`${server.kind} (pid ${server.pid}) keeps its data in ${server.dataDir}. Press Ctrl-C to stop.`);
  await waitForSignal();
  await server.stop();
  console.error('stopped');
};

main().catch((error: unknown) => {
  if (error instanceof LocalMongoUnavailableError) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
});
