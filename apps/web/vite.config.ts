import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Relative: the same build runs under /console on the API or at any path of a static host
  // (index.html's <base href> names the path; the API rewrites it, see apps/api/src/plugins/console.ts).
  base: './',
  build: { outDir: 'dist', assetsInlineLimit: 0 },
  server: { host: '127.0.0.1' },
});
