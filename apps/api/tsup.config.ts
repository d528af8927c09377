import { defineConfig } from 'tsup';

/**
 * The production server as plain JavaScript: dist/server.js runs with `node`, no
 * tsx. Workspace packages (@orgsphere/core, @orgsphere/db) are TypeScript sources,
 * so they are inlined; npm packages stay external and come from the api's own
 * production dependencies (`pnpm deploy --prod`, see deploy/build-api.sh).
 */
export default defineConfig({
  entry: { server: 'src/server.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  // The OpenTelemetry SDK stays a separate chunk, loaded only when tracing is on.
  splitting: true,
  sourcemap: true,
  noExternal: [/^@orgsphere\//],
});
