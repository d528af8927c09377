import { fileURLToPath } from 'node:url';

import { defineProject } from 'vitest/config';

const apiSource = (path: string) => fileURLToPath(new URL(`../../apps/api/src/${path}`, import.meta.url));

export default defineProject({
  resolve: {
    // As in tsconfig.json: the server is not a dependency of the published package.
    alias: [
      { find: /^@orgsphere\/api\/testing$/, replacement: apiSource('testing/index.ts') },
      { find: /^@orgsphere\/api$/, replacement: apiSource('index.ts') },
    ],
  },
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../db/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
