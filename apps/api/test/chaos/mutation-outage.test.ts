import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startFerretDb, type LocalMongo } from '@orgsphere/db/local-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient, type RestResponse } from '../rest-helpers.js';

// Each outage stops or freezes its own database server, so it never shares the suite's.
const serverSelectionTimeoutMS = 1_000;
/** The bound: every mutation answers within the server-selection timeout plus one second. */
const boundMs = serverSelectionTimeoutMS + 1_000;

const timed = async (call: () => Promise<RestResponse>) => {
  const started = performance.now();
  const response = await call();
  return { response, elapsedMs: performance.now() - started };
};

/** SIGSTOP takes effect thread by thread; a request sent before the last one stops could still be answered. */
const frozen = async (pid: number) => {
  const stopped = () =>
    readdirSync(`/proc/${pid}/task`).every((task) =>
      /^ [Tt] /.test(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8').split(')').pop() ?? ''),
    );
  for (let waited = 0; !stopped(); waited += 10) {
    if (waited > 10_000) throw new Error(`database process ${pid} did not stop within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * Two ways a database goes away: its process ends (connections are refused at once),
 * or it stops answering (a frozen process, a network partition: connections open,
 * and requests get no reply at all).
 */
const outages: [string, (database: LocalMongo) => Promise<void>, (database: LocalMongo) => void][] = [
  ['stopped', (database) => database.stop(), () => undefined],
  [
    'frozen',
    async (database) => {
      process.kill(database.pid!, 'SIGSTOP');
      await frozen(database.pid!);
    },
    (database) => void process.kill(database.pid!, 'SIGCONT'),
  ],
];

describe.each(outages)('every mutation while the database is %s', (kind, takeDown, bringBack) => {
  const dataDir = mkdtempSync(join(tmpdir(), `orgsphere-mutation-outage-${kind}-`));
  let database: LocalMongo;
  let server: TestServer;
  let api: RestClient;
  let org: ReturnType<typeof uniqueOrg>;
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    database = await startFerretDb({ dataDir });
    server = await startTestServer(database.uri, { serverSelectionTimeoutMS });
    api = restClient(server.url);
    org = uniqueOrg('Outage');
    expect((await api.createOrg(org)).status).toBe(201);
    const login = await api.login({ email: org.email, password: org.password });
    expect(login.status).toBe(200);
    accessToken = login.body.access_token;
    refreshToken = login.body.refresh_token;
    await takeDown(database);
  });
  afterAll(async () => {
    bringBack(database);
    await server.close().catch(() => undefined);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const mutations: [string, () => Promise<RestResponse>][] = [
    ['create', () => api.createOrg(uniqueOrg('During'))],
    [
      'rename',
      () =>
        api.updateOrg(
          { organization_name: org.organization_name, new_organization_name: `${org.organization_name} New` },
          accessToken,
        ),
    ],
    [
      'password change',
      () => api.updateOrg({ organization_name: org.organization_name, password: 'Another-pass-42' }, accessToken),
    ],
    ['delete', () => api.deleteOrg(org.organization_name, accessToken)],
    ['login', () => api.login({ email: org.email, password: org.password })],
    ['login of an unknown email', () => api.login({ email: 'nobody@example.com', password: org.password })],
    ['refresh', () => api.send('POST', '/admin/refresh', { body: { refresh_token: refreshToken } })],
  ];

  it('reports not ready within the bound too', async () => {
    const { response, elapsedMs } = await timed(() => api.send('GET', '/ready'));
    expect(response.status).toBe(503);
    expect(elapsedMs).toBeLessThanOrEqual(boundMs);
  });

  it.each(mutations)('%s answers 503 within the server-selection timeout plus one second', async (_name, call) => {
    const { response, elapsedMs } = await timed(call);
    expect(response.status).toBe(503);
    expect(response.body.data.appCode).toBe('STORAGE_UNAVAILABLE');
    expect(elapsedMs).toBeLessThanOrEqual(boundMs);
  });
});

describe('a create whose database stops answering halfway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgsphere-mutation-outage-halfway-'));
  let database: LocalMongo;
  let server: TestServer;
  let freezeAfterClaim = false;

  beforeAll(async () => {
    database = await startFerretDb({ dataDir });
    server = await startTestServer(database.uri, {
      serverSelectionTimeoutMS,
      onStep: (step) => {
        if (step === 'create:name-claimed' && freezeAfterClaim) process.kill(database.pid!, 'SIGSTOP');
      },
    });
  });
  afterAll(async () => {
    process.kill(database.pid!, 'SIGCONT');
    await server.close().catch(() => undefined);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 within the bound and leaves the rollback to the reconciler', async () => {
    const org = uniqueOrg('Halfway');
    freezeAfterClaim = true;
    const { response, elapsedMs } = await timed(() => restClient(server.url).createOrg(org));
    expect(response.status).toBe(503);
    expect(elapsedMs).toBeLessThanOrEqual(boundMs);

    process.kill(database.pid!, 'SIGCONT');
    const left = await server.db.collection('organizations').findOne({ name: org.organization_name });
    expect(left?.state).toBe('provisioning');
    const report = await server.services.reconcile({ staleAfterMs: 0 });
    expect(report.rolledBack).toContain(left?._id);
    expect(await server.db.collection('organizations').findOne({ name: org.organization_name })).toBeNull();
  });
});
