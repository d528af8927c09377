import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startApiProcess, type ApiProcess } from '../../src/testing/index.js';
import { restClient, uniqueOrg } from '../rest-helpers.js';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const masterDbName = `test_built_${Date.now().toString(36)}`;

/**
 * Runs deploy/build-api.sh, the very script the Dockerfile runs, and starts the result
 * as the container would: `node dist/server.js` with production settings, from a
 * directory holding nothing but the bundle and its production dependencies.
 */
describe('the production build (deploy/build-api.sh)', () => {
  let outDir: string;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'orgsphere-build-'));
    await promisify(execFile)(join(repoRoot, 'deploy/build-api.sh'), [outDir], { cwd: repoRoot, timeout: 180_000 });
  }, 200_000);
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await rm(outDir, { recursive: true, force: true });
    const client = new MongoClient(inject('mongoUri'));
    await client.connect();
    await client.db(masterDbName).dropDatabase();
    await client.close();
  });

  it('holds the bundle and production dependencies only', async () => {
    const modules = await readdir(join(outDir, 'node_modules'));
    expect(await readdir(join(outDir, 'dist'))).toContain('server.js');
    for (const devOnly of ['tsx', 'vitest', 'tsup', 'pino-pretty', 'yaml', '@orgsphere'])
      expect(modules).not.toContain(devOnly);

    // Every package the bundle imports is a production dependency (workspace code is inlined).
    const manifest = JSON.parse(await readFile(join(outDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const bundles = (await readdir(join(outDir, 'dist'))).filter((file) => file.endsWith('.js'));
    const imported = new Set<string>();
    for (const file of bundles) {
      const code = await readFile(join(outDir, 'dist', file), 'utf8');
      for (const match of code.matchAll(/(?:from\s*|import\s*\(\s*)["']([^"'.][^"']*)["']/g)) {
        const specifier = match[1]!;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!builtinModules.includes(name.replace(/^node:/, ''))) imported.add(name);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    for (const name of imported) expect(Object.keys(manifest.dependencies), name).toContain(name);
  });

  it('carries none of the local database tooling (only the development entry provisions it)', async () => {
    const bundles = (await readdir(join(outDir, 'dist'))).filter((file) => file.endsWith('.js'));
    const code = (await Promise.all(bundles.map((file) => readFile(join(outDir, 'dist', file), 'utf8')))).join('\n');
    expect(code).toContain('startServer');
    for (const tooling of [
      'go build',
      'preparePatchedFerretdb',
      'ensureLocalMongoBinary',
      'findGo',
      'resolveMongo',
      'startFerretDb',
      'startMongod',
    ]) {
      expect(code, tooling).not.toContain(tooling);
    }
  });

  it('holds the built console, with its index.html and hashed assets', async () => {
    const consoleFiles = await readdir(join(outDir, 'console'));
    expect(consoleFiles).toEqual(expect.arrayContaining(['index.html', 'assets']));
    expect((await readdir(join(outDir, 'console', 'assets'))).some((file) => file.endsWith('.js'))).toBe(true);
  });

  it('refuses to start without MONGO_URI, saying how to get a local database', async () => {
    const failure = await promisify(execFile)(process.execPath, ['dist/server.js'], {
      cwd: outDir,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failure ? failure.code : 0).toBe(1);
    expect('stderr' in failure ? failure.stderr : '').toMatch(/MONGO_URI is required.*pnpm dev/);
  });

  it('starts with plain node in production mode and serves health, readiness, metrics, the API and the console', async () => {
    api = await startApiProcess(
      {
        NODE_ENV: 'production',
        MONGO_URI: inject('mongoUri'),
        MASTER_DB_NAME: masterDbName,
        JWT_SECRET: 'built-server-test-secret-0123456789-abcdef',
        // As the image sets it: the console next to dist/.
        CONSOLE_DIR: join(outDir, 'console'),
        WEBHOOK_SECRETS_KEY: 'built-server-webhook-key-0123456789-abcdef',
      },
      'dist/server.js',
      { cwd: outDir, built: true },
    );
    const client = restClient(api.url);
    expect((await client.send('GET', '/health')).body).toEqual({ status: 'ok' });
    expect((await client.send('GET', '/ready')).status).toBe(200);
    expect((await client.createOrg(uniqueOrg('Built'))).status).toBe(201);
    expect((await client.send('GET', '/openapi.json')).status).toBe(200);
    const consolePage = await client.send('GET', '/console/sign-in');
    expect(consolePage.status).toBe(200);
    expect(String(consolePage.body)).toContain('<base href="/console/"');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(String(consolePage.body))?.[1];
    expect(script).toBeDefined();
    expect((await client.send('GET', `/console/${script}`)).status).toBe(200);
    const metrics = await client.send('GET', '/metrics');
    expect(metrics.status).toBe(200);
    // argon2 (a native addon) really ran in the deployed tree.
    expect(String(metrics.body)).toMatch(/^orgsphere_password_hash_duration_seconds_count\{operation="hash"\} [1-9]/m);
    expect(await api.kill('SIGTERM')).toBe(0);
  });
});
