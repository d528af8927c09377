import { fileURLToPath } from 'node:url';

import { build } from 'vite';

/**
 * Vitest global setup: builds the console as `pnpm build` does, so the browser tests always
 * run the current sources, even on a clean checkout (needs @orgsphere/client built, as the
 * root `pnpm test` does first).
 */
export default async function buildConsole(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // Vitest sets NODE_ENV=test, which would give React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile: `${root}/vite.config.ts`, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
