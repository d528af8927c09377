import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

import { MongoClient } from 'mongodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { chromiumAvailable, launchChromium } from './browser.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const masterDbName = `webdev_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** Polls a URL until it answers 2xx, or fails with what `pnpm dev` printed. */
const waitForUrl = async (url: string, output: () => string, timeoutMs = 150_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer in time. pnpm dev printed:\n${output()}`);
};

/**
 * `pnpm dev` as a developer runs it (turbo starting the API in development mode and Vite),
 * on free ports and the test database, then the console on Vite's origin signs up against the
 * API on its own origin: CORS, the client build it needs, and the console's API URL all work.
 */
describe.runIf(chromiumAvailable)('pnpm dev: the API and the console together', () => {
  let dev: ChildProcess;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let apiUrl: string;
  let consoleUrl: string;
  const output: string[] = [];

  beforeAll(async () => {
    const [apiPort, webPort] = [await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    consoleUrl = `http://127.0.0.1:${webPort}`;
    dev = spawn('./pnpmw', ['dev'], {
      cwd: repoRoot,
      // Its own process group, so the whole tree (turbo, tsx watch, vite) stops together.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...(process.env.CI ? { CI: process.env.CI } : {}),
        TURBO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        MONGO_URI: inject('mongoUri'),
        MASTER_DB_NAME: masterDbName,
        // Hermetic: never the developer's root .env.
        ORGSPHERE_ENV_FILE: '',
        ORGSPHERE_WEB_PORT: String(webPort),
        VITE_ORGSPHERE_API_URL: apiUrl,
      },
    });
    for (const stream of [dev.stdout, dev.stderr]) stream?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const printed = () => output.join('').slice(-4_000);
    await waitForUrl(`${apiUrl}/health`, printed);
    await waitForUrl(consoleUrl, printed);
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 200_000);

  afterAll(async () => {
    await closeBrowser?.();
    if (dev?.pid !== undefined && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      process.kill(-dev.pid, 'SIGTERM');
      const timer = setTimeout(() => dev.pid !== undefined && process.kill(-dev.pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    const client = new MongoClient(inject('mongoUri'));
    await client
      .db(masterDbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  }, 30_000);

  it('the console on Vite’s port signs up through the API on its own port (CORS)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const apiCalls: { origin: string; status: number }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/trpc/'))
        apiCalls.push({ origin: new URL(response.url()).origin, status: response.status() });
    });
    const s = Date.now().toString(36);
    await page.goto(`${consoleUrl}/sign-up`);
    await page.getByLabel('Organization name').fill(`Dev ${s}`);
    await page.getByLabel('Your name').fill('Dev Person');
    await page.getByLabel('Email').fill(`dev.${s}@example.test`);
    await page.getByLabel('Password').fill('correct-horse-42');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await expect.poll(() => page.getByText(`Dev ${s}`).count()).toBeGreaterThan(0);
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(new Set(apiCalls.map((call) => call.origin))).toEqual(new Set([apiUrl]));
    expect(apiCalls.every((call) => call.status < 400)).toBe(true);
    await context.close();
  });
});
