import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The database for the API the browser tests talk to, then a fresh build of the console.
    globalSetup: ['../../packages/db/src/testing/global-setup.ts', './test/build-console.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
