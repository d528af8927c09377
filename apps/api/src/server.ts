import { loadStartupEnv, runsUnderDevWatcher } from './env.js';
import { startServer } from './main.js';
import { exitAfterFailedStart } from './start-failure.js';

const underDevWatcher = runsUnderDevWatcher();
try {
  const { env, envFile, warnings } = loadStartupEnv();
  console.error(envFile ? `[config] read ${envFile} (shell variables win over it)` : '[config] no .env file read');
  for (const warning of warnings) console.error(`[config] warning: ${warning}`);
  await startServer(env);
} catch (error) {
  exitAfterFailedStart(error, { underDevWatcher });
}
