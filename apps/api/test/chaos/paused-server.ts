// The API with one lifecycle step that never finishes on its own, so a test can
// kill the process exactly between two steps of an operation.
import type { LifecycleStep } from '@orgsphere/core';

import { loadEnv } from '../../src/env.js';
import { startServer } from '../../src/start-server.js';

const pauseAfter = process.env.PAUSE_AFTER_STEP as LifecycleStep | undefined;

const env = loadEnv();
if (!env.MONGO_URI) throw new Error('paused-server needs MONGO_URI');
await startServer(env, {
  mongoUri: env.MONGO_URI,
  onStep: async (step) => {
    if (step !== pauseAfter) return;
    console.log(JSON.stringify({ paused: step }));
    await new Promise((resolve) => setTimeout(resolve, 600_000));
  },
});
