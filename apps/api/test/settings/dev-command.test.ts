import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { decodeJwt } from 'jose';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { restClient, uniqueOrg } from '../rest-helpers.js';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const startTimeoutMs = 120_000;

type DevProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Exactly the README's command, `./pnpmw dev`, with only the given variables (and PATH, HOME). */
const startDev = (env: Record<string, string>): DevProcess => {
  const child = spawn(join(repoRoot, 'pnpmw'), ['dev'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    // Its own process group: pnpm, turbo, tsx's watcher and the server stop together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => chunks.join(''), exited };
};

const stopDev = async (dev: DevProcess | undefined) => {
  if (!dev?.child.pid || dev.child.exitCode !== null) return;
  try {
    process.kill(-dev.child.pid, 'SIGTERM');
  } catch {
    return; // the group is gone already
  }
  await dev.exited;
};

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const waitForHealth = async (dev: DevProcess, url: string) => {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (dev.child.exitCode !== null) throw new Error(`pnpm dev exited with ${dev.child.exitCode}:\n${dev.output()}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`pnpm dev did not answer on ${url} in time:\n${dev.output()}`);
};

describe('`./pnpmw dev` takes its settings from the shell and the .env file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orgsphere-dev-'));
  const envFile = join(dir, '.env');
  const masterDbName = `test_dev_${Date.now().toString(36)}`;
  const fileOrigin = 'https://frontend.from-env-file.test';
  let port: number;
  let dev: DevProcess | undefined;
  let mongo: MongoClient;

  beforeAll(async () => {
    port = await freePort();
    // PORT here loses to the shell's; the rest only the file sets.
    writeFileSync(
      envFile,
      [
        `PORT=1`,
        `JWT_ISSUER=issuer-from-env-file`,
        `CORS_ORIGINS=${fileOrigin}`,
        `SECRET_KEY=left-over-from-the-python-service`,
        '',
      ].join('\n'),
    );
    mongo = await new MongoClient(inject('mongoUri')).connect();
    dev = startDev({
      PORT: String(port),
      MONGO_URI: inject('mongoUri'),
      MASTER_DB_NAME: masterDbName,
      ORGSPHERE_ENV_FILE: envFile,
      ACCESS_TOKEN_EXPIRE_MINUTES: '30',
      LOG_LEVEL: 'warn',
    });
    await waitForHealth(dev, `http://127.0.0.1:${port}`);
  }, startTimeoutMs + 10_000);

  afterAll(async () => {
    await stopDev(dev);
    await mongo
      ?.db(masterDbName)
      .dropDatabase()
      .catch(() => undefined);
    await mongo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on the PORT of the shell, stores in MONGO_URI / MASTER_DB_NAME, signs with the issuer of .env', async () => {
    const api = restClient(`http://127.0.0.1:${port}`);
    const org = uniqueOrg('DevSettings');
    const created = await api.createOrg(org);
    expect(created.status).toBe(201);
    const collections = await mongo.db(masterDbName).listCollections({}, { nameOnly: true }).toArray();
    expect(collections.map((collection) => collection.name)).toContain(created.body.collection_name);
    const login = await api.login({ email: org.email, password: org.password });
    expect(login.status).toBe(200);
    expect(decodeJwt(login.body.access_token).iss).toBe('issuer-from-env-file');
  });

  it("answers the preflights of the .env's CORS origin and of a local frontend", async () => {
    for (const origin of [fileOrigin, 'http://localhost:5173']) {
      const response = await fetch(`http://127.0.0.1:${port}/org/get`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it("says which .env it read, and names the replacements of the original service's variables", () => {
    const output = dev!.output();
    expect(output).toContain(`[config] read ${envFile}`);
    expect(output).toContain('SECRET_KEY is set but OrgSphere does not read it');
    expect(output).toContain('use JWT_SECRET instead');
    expect(output).toContain('ACCESS_TOKEN_EXPIRE_MINUTES is set but OrgSphere does not read it');
  });
});

describe('`./pnpmw dev` on a port that is taken', () => {
  let blocker: Server;
  let dev: DevProcess | undefined;
  afterEach(async () => {
    await stopDev(dev);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });

  it(
    'exits non-zero, saying why, instead of leaving the watcher running',
    async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const { port } = blocker.address() as { port: number };
      dev = startDev({
        PORT: String(port),
        MONGO_URI: inject('mongoUri'),
        MASTER_DB_NAME: `test_dev_taken_${Date.now().toString(36)}`,
        ORGSPHERE_ENV_FILE: '',
      });
      const code = await dev.exited;
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(dev.output()).toContain('EADDRINUSE');
    },
    startTimeoutMs,
  );
});
