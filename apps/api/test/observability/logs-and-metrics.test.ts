import { Writable } from 'node:stream';

import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { loggerOptions } from '../../src/observability/logger.js';
import { createMetrics, type Metrics } from '../../src/observability/metrics.js';
import { registerOrganizationGauges } from '../../src/observability/organization-gauges.js';
import { servicesInstrumentation } from '../../src/observability/services-instrumentation.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient } from '../rest-helpers.js';

type LogLine = Record<string, unknown>;

/** The real logger configuration (redaction, serializers) writing into memory, at the chattiest level. */
const captureLogs = () => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: { ...loggerOptions({ NODE_ENV: 'test', LOG_LEVEL: 'trace' }), stream },
    text: () => chunks.join(''),
    lines: (): LogLine[] =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine),
  };
};

const sampleValue = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('logs and metrics of real requests', () => {
  const logs = captureLogs();
  let metrics: Metrics;
  let server: TestServer;
  let api: RestClient;
  const org = uniqueOrg('Observed');
  const newPassword = `${org.password}-Changed!`;
  const forgedToken = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged-signature-value';
  const secrets: string[] = [org.password, newPassword, forgedToken];
  let organizationId: string;
  let adminId: string;
  let updateRequestId: string;

  beforeAll(async () => {
    metrics = createMetrics();
    server = await startTestServer(inject('mongoUri'), {
      logger: logs.logger,
      observability: { metrics },
      instrumentation: servicesInstrumentation({ metrics }),
    });
    registerOrganizationGauges(metrics, server.services.repositories.organizations, {
      staleAfterMs: 30_000,
      cacheMs: 0,
    });
    api = restClient(server.url);

    const created = await api.createOrg(org);
    expect(created.status).toBe(201);
    organizationId = created.body.organization_id;
    adminId = created.body.admin_id;

    const login = await api.login({ email: org.email, password: org.password });
    expect(login.status).toBe(200);
    secrets.push(login.body.access_token, login.body.refresh_token);

    const refreshed = await api.send('POST', '/admin/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.access_token, refreshed.body.refresh_token);

    const updated = await api.updateOrg(
      { organization_name: org.organization_name, password: newPassword },
      refreshed.body.access_token,
    );
    expect(updated.status).toBe(200);
    updateRequestId = updated.headers.get('x-request-id')!;

    expect((await api.updateOrg({ organization_name: org.organization_name }, forgedToken)).status).toBe(401);
    expect((await api.login({ email: org.email, password: 'Wrong-password-123' })).status).toBe(401);
    expect((await api.getOrg(org.organization_name)).status).toBe(200);
    // Routes no metric below counts, so these two only add log lines.
    expect((await api.send('GET', '/openapi.json', { headers: { 'x-orgsphere-client': '0.2.0' } })).status).toBe(200);
    expect(
      (await api.send('GET', '/openapi.json', { headers: { 'x-orgsphere-client': 'not a version; drop table' } }))
        .status,
    ).toBe(200);
    // tRPC face, with the token in a header and the password in a batched body.
    const trpc = await fetch(`${server.url}/trpc/admin.login?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${forgedToken}` },
      body: JSON.stringify({ 0: { email: org.email, password: newPassword } }),
    });
    expect(trpc.status).toBe(200);
    const [{ result }] = (await trpc.json()) as [{ result: { data: { access_token: string; refresh_token: string } } }];
    secrets.push(result.data.access_token, result.data.refresh_token);
  });
  afterAll(() => server.close());

  it('never logs a password, token, refresh token or Authorization value', () => {
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/bearer\s+\S/i);
    // Query strings (organization names) stay out too: paths and route patterns only.
    expect(text).not.toContain(org.organization_name.split(' ')[1]);
  });

  it('logs one JSON line per request with request id, route, status, duration, organization and admin', () => {
    const completed = logs.lines().filter((line) => line.msg === 'request completed');
    const update = completed.find((line) => line.reqId === updateRequestId);
    expect(update).toMatchObject({
      level: 30,
      method: 'PUT',
      route: '/org/update',
      statusCode: 200,
      procedures: ['org.update'],
      organizationId,
      adminId,
    });
    expect(typeof update?.durationMs).toBe('number');
    const forged = completed.find((line) => line.route === '/org/update' && line.statusCode === 401);
    expect(forged).toBeDefined();
    expect(forged?.adminId).toBeUndefined();
    expect(completed.find((line) => line.route === '/admin/login' && line.statusCode === 200)).toMatchObject({
      organizationId,
      adminId,
    });
    expect(completed.find((line) => line.route === '/trpc/:path')).toMatchObject({
      procedures: ['admin.login'],
      adminId,
    });
    // A public read names the organization, not an admin: nobody is logged in.
    const read = completed.find((line) => line.route === '/org/get');
    expect(read).toMatchObject({ statusCode: 200, organizationId });
    expect(read?.adminId).toBeUndefined();
  });

  it("logs the typed client's version it was sent, and nothing that does not look like one", () => {
    const completed = logs.lines().filter((line) => line.msg === 'request completed');
    expect(
      completed.filter((line) => line.clientVersion !== undefined).map((line) => [line.route, line.clientVersion]),
    ).toEqual([['/openapi.json', '0.2.0']]);
    expect(completed.filter((line) => line.route === '/openapi.json')).toHaveLength(2);
    expect(logs.text()).not.toContain('drop table');
  });

  it('serves Prometheus metrics: requests, procedures, database, argon2, organizations, event loop, memory', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();

    expect(sampleValue(text, 'http_requests_total{method="PUT",route="/org/update",status_code="200"}')).toBe(1);
    expect(sampleValue(text, 'http_requests_total{method="PUT",route="/org/update",status_code="401"}')).toBe(1);
    expect(
      sampleValue(text, 'http_request_duration_seconds_count{method="POST",route="/org/create",status_code="201"}'),
    ).toBe(1);
    expect(sampleValue(text, 'orgsphere_procedure_calls_total{procedure="org.update",type="mutation",code="OK"}')).toBe(
      1,
    );
    expect(
      sampleValue(text, 'orgsphere_procedure_calls_total{procedure="org.update",type="mutation",code="UNAUTHORIZED"}'),
    ).toBe(1);
    expect(
      sampleValue(text, 'orgsphere_procedure_calls_total{procedure="admin.login",type="mutation",code="OK"}'),
    ).toBe(2);
    expect(
      sampleValue(text, 'orgsphere_procedure_duration_seconds_count{procedure="org.get",type="query",code="OK"}'),
    ).toBe(1);
    expect(
      sampleValue(text, 'orgsphere_db_command_duration_seconds_count{command="insert",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(text, 'orgsphere_db_command_duration_seconds_count{command="find",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(text, 'orgsphere_password_hash_duration_seconds_count{operation="hash"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sampleValue(text, 'orgsphere_password_hash_duration_seconds_count{operation="verify"}'),
    ).toBeGreaterThanOrEqual(3);
    expect(sampleValue(text, 'orgsphere_organizations{state="active"}')).toBe(1);
    expect(sampleValue(text, 'orgsphere_lifecycle_operations_in_flight{operation="rename"}')).toBe(0);
    expect(sampleValue(text, 'orgsphere_lifecycle_operations_stuck{operation="rename"}')).toBe(0);
    expect(sampleValue(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);

    // Labels are route patterns and procedure names: no names, emails or tokens.
    for (const secret of [...secrets, org.email, org.organization_name.split(' ')[1]!])
      expect(text).not.toContain(secret);
  });

  it('counts lifecycle operations in flight, and as stuck once older than the staleness', async () => {
    const at = new Date(Date.now() - 60_000);
    const name = `stuck-${Date.now().toString(36)}`;
    await server.services.repositories.organizations.insert({
      id: crypto.randomUUID(),
      name,
      slug: name.replace('-', '_'),
      collectionName: `org_${name.replace('-', '_')}`,
      adminId: crypto.randomUUID(),
      state: 'renaming',
      version: 1,
      renamedFrom: null,
      createdAt: at,
      updatedAt: at,
    });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(sampleValue(text, 'orgsphere_organizations{state="renaming"}')).toBe(1);
    expect(sampleValue(text, 'orgsphere_lifecycle_operations_in_flight{operation="rename"}')).toBe(1);
    expect(sampleValue(text, 'orgsphere_lifecycle_operations_stuck{operation="rename"}')).toBe(1);
    expect(sampleValue(text, 'orgsphere_lifecycle_operations_stuck{operation="delete"}')).toBe(0);
  });
});

describe('log redaction', () => {
  it('censors secret-named fields wherever someone logs them, up to two levels deep', async () => {
    const logs = captureLogs();
    const app = Fastify({ logger: logs.logger });
    app.log.info(
      {
        password: 'top-level-password',
        body: { new_password: 'nested-password', refresh_token: 'nested-refresh' },
        req: { headers: { authorization: 'Bearer header-token' } },
        input: { credentials: { access_token: 'deep-access-token' } },
        JWT_SECRET: 'config-secret',
      },
      'careless',
    );
    await app.close();
    const text = logs.text();
    for (const secret of [
      'top-level-password',
      'nested-password',
      'nested-refresh',
      'header-token',
      'deep-access-token',
      'config-secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});

describe('GET /metrics protection', () => {
  const token = 'metrics-scrape-token-0123456789';
  let servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  const start = async (access: { token?: string; allowIps?: string[] }) => {
    const server = await startTestServer(inject('mongoUri'), {
      observability: { metrics: createMetrics(), metricsAccess: access },
    });
    servers = [...servers, server];
    return server.url;
  };

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const url = await start({ token, allowIps: ['127.0.0.1', '::1'] });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789-xx' } })).status,
    ).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_resident_memory_bytes');
  });

  it('refuses clients outside METRICS_ALLOW_IPS with 403', async () => {
    const url = await start({ allowIps: ['10.0.0.0/8'] });
    expect((await fetch(`${url}/metrics`)).status).toBe(403);
    // The other routes are not affected.
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
