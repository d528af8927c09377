import { LocalMongoUnavailableError } from '@orgsphere/db/local-server';

import { EnvError, loadEnv } from './env.js';
import { startServer } from './main.js';

startServer(loadEnv()).catch((error: unknown) => {
  // Configuration and missing-toolchain problems are the user's to fix: say what, without a stack.
  if (error instanceof EnvError || error instanceof LocalMongoUnavailableError) {
    console.error(error.message);
  } else {
    console.error('OrgSphere failed to start:', error);
  }
  process.exit(1);
});
