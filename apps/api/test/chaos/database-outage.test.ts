import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startFerretDb, type LocalMongo } from '@orgsphere/db/local-server';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient } from '../rest-helpers.js';

// This test stops and restarts its own database server, so it never shares the suite's.
const dataDir = mkdtempSync(join(tmpdir(), 'orgsphere-outage-'));
let database: LocalMongo;
let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  database = await startFerretDb({ dataDir });
  server = await startTestServer(database.uri, { serverSelectionTimeoutMS: 1_000 });
  api = restClient(server.url);
});
afterAll(async () => {
  await server.close().catch(() => undefined);
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const portOf = (uri: string) => Number(new URL(uri).port);

describe('the database going away and coming back', () => {
  it('answers 503 fast while it is down, reports not ready, and recovers without a restart', async () => {
    const org = uniqueOrg('Outage');
    expect((await api.createOrg(org)).status).toBe(201);
    const port = portOf(database.uri);

    // Light load running throughout the outage.
    let load = true;
    const seen: number[] = [];
    const loader = (async () => {
      while (load) {
        seen.push((await api.getOrg(org.organization_name)).status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    // A failed assertion below must not leave the loader running into the server's shutdown.
    onTestFinished(async () => {
      load = false;
      await loader.catch(() => undefined);
    });

    await database.stop();
    // The cache answers until the driver notices the break (its monitor's connection closes at
    // once, but the event may land just after this line), then forgets everything. Not
    // hanging: the server-selection timeout (1 s here) ends each call well inside the test's timeout.
    let during = await api.getOrg(org.organization_name);
    const stoppedAt = performance.now();
    while (during.status === 200 && performance.now() - stoppedAt < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      during = await api.getOrg(org.organization_name);
    }
    expect(during.status).toBe(503);
    expect(during.body.data.appCode).toBe('STORAGE_UNAVAILABLE');
    expect((await api.createOrg(uniqueOrg('During'))).status).toBe(503);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(503);
    const ready = await api.send('GET', '/ready');
    expect(ready.status).toBe(503);
    expect((await api.send('GET', '/health')).status).toBe(200);

    database = await startFerretDb({ dataDir, port });
    let recovered = false;
    for (let attempt = 0; attempt < 100 && !recovered; attempt += 1) {
      recovered = (await api.send('GET', '/ready')).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe(true);
    load = false;
    await loader;

    const after = await api.getOrg(org.organization_name);
    expect(after.status).toBe(200);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(200);
    expect(seen.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(seen).toContain(503);
  });
});
