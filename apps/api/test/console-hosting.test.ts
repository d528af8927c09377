import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { consoleContentSecurityPolicy } from '../src/plugins/console.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

// A console build as Vite writes it (relative base, a <base href> the server points at /console/).
const indexHtml = `<!doctype html><html lang="en"><head><base href="/" /><script type="module" src="./assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;
const script = 'console.log("console");';

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgsphere-console-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), indexHtml);
  await writeFile(join(dir, 'assets', 'index-abc123.js'), script);
  server = await startTestServer(inject('mongoUri'), { consoleDir: dir });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

describe('the console under /console (CONSOLE_DIR)', () => {
  it('answers client routes with index.html pointed at /console/, never cached stale, with a strict CSP', async () => {
    for (const path of ['/console/', '/console/sign-in', '/console/invitations/accept?token=abc']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(consoleContentSecurityPolicy);
      // The API's other security headers apply too.
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await response.text();
      expect(body).toContain('<base href="/console/" />');
      expect(body).toContain('src="./assets/index-abc123.js"');
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const response = await get('/console/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(script);
  });

  it('keeps a missing file a 404 and redirects /console to /console/', async () => {
    expect((await get('/console/assets/missing-000.js')).status).toBe(404);
    expect((await get('/console/favicon.ico')).status).toBe(404);
    const bare = await get('/console');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('leaves the API routes alone', async () => {
    expect((await get('/health')).status).toBeLessThan(300);
    expect((await get('/openapi.json')).status).toBe(200);
  });
});

describe('without CONSOLE_DIR', () => {
  it('serves no console', async () => {
    const plain = await startTestServer(inject('mongoUri'));
    try {
      expect((await fetch(`${plain.url}/console/`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
