import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/webhooks.ts'],
  format: ['esm'],
  target: 'es2022',
  clean: true,
  dts: {
    // Point the workspace packages at their sources (outside node_modules) so the
    // router's types are inlined: consumers need neither the server's source nor its deps.
    resolve: [/^@orgsphere\//],
    compilerOptions: {
      paths: {
        '@orgsphere/api': ['../../apps/api/src/index.ts'],
        '@orgsphere/core': ['../core/src/index.ts'],
        '@orgsphere/db': ['../db/src/index.ts'],
        '@orgsphere/db/*': ['../db/src/*'],
      },
    },
  },
});
