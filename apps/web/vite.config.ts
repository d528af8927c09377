import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Relative: the same build runs under /console on the API or at any path of a static host
  // (index.html's <base href> names the path; the API rewrites it, see apps/api/src/plugins/console.ts).
  base: './',
  build: { outDir: 'dist', assetsInlineLimit: 0 },
  // 5173 unless ORGSPHERE_WEB_PORT says otherwise (the dev-servers test runs beside a developer's).
  server: { host: '127.0.0.1', port: Number(process.env.ORGSPHERE_WEB_PORT ?? 5173), strictPort: true },
});
