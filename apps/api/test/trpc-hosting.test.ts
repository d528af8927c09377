import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAppProcedureHttp } from '../src/procedure-http/app-procedure-http.js';
import { stockTrpcOptions } from '../src/procedure-http/stock-adapter-options.js';
import type { TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';

// Our tRPC hosting answers plain JSON calls itself; the stock adapter on the same
// domain is the oracle: every request must get the same status, headers and body.
let server: TestServer;
let stock: FastifyInstance;
let stockUrl: string;
let org: Tenant;
let token: string;

beforeAll(async () => {
  const arena = await openArena();
  server = arena.server;
  stock = Fastify({ routerOptions: { maxParamLength: 5_000 } });
  // The same options object as the server's own, so only the hosting differs.
  const http = createAppProcedureHttp({ domain: server.services.domain }, stock.log);
  await stock.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions: stockTrpcOptions(http) });
  stockUrl = await stock.listen({ host: '127.0.0.1', port: 0 });
  org = await arena.tenant('Hosting');
  token = org.token;
});
afterAll(async () => {
  await stock.close();
  await server.close();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

type Probe = { method: string; path: string; body?: string; headers?: Record<string, string> };

const call = async (base: string, probe: Probe) => {
  const response = await fetch(`${base}/trpc/${probe.path}`, {
    method: probe.method,
    headers: probe.headers ?? {},
    ...(probe.body === undefined ? {} : { body: probe.body }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    // Ours also says `Origin` (CORS); the bare stock adapter has no CORS (see the test below).
    vary: response.headers.get('vary')?.replace(/^Origin, /, ''),
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
};

const expectSameAsStock = async (probe: Probe) => {
  const ours = await call(server.url, probe);
  const theirs = await call(stockUrl, probe);
  expect(ours).toEqual(theirs);
  return ours;
};

const json = { 'content-type': 'application/json' };

describe('tRPC hosting matches the stock adapter', () => {
  it('answers a single query, and its error shapes', async () => {
    const ok = await expectSameAsStock({
      method: 'GET',
      path: `org.get?input=${input({ organization_name: org.organization_name })}`,
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.data.organization_name).toBe(org.organization_name);
    const missing = await expectSameAsStock({
      method: 'GET',
      path: `org.get?input=${input({ organization_name: 'No Such Org Here' })}`,
    });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.data.appCode).toBe('ORG_NOT_FOUND');
    const invalid = await expectSameAsStock({
      method: 'GET',
      path: `org.get?input=${input({ organization_name: { $ne: null } })}`,
    });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.data.field).toBe('organization_name');
  });

  it('answers batches, with 207 when the statuses differ', async () => {
    const mixed = await expectSameAsStock({
      method: 'GET',
      path: `org.get,org.get?batch=1&input=${input({ 0: { organization_name: org.organization_name }, 1: { organization_name: 'Nope Org' } })}`,
    });
    expect(mixed.status).toBe(207);
    expect(JSON.parse(mixed.body)).toHaveLength(2);
    const same = await expectSameAsStock({
      method: 'GET',
      path: `org.get?batch=1&input=${input({ 0: { organization_name: org.organization_name } })}`,
    });
    expect(same.status).toBe(200);
    const mutations = await expectSameAsStock({
      method: 'POST',
      path: 'org.update,admin.login?batch=1',
      headers: json,
      body: JSON.stringify({
        0: { organization_name: org.organization_name, email: 'x@example.com' },
        1: { email: org.email, password: 'wrong-password-1' },
      }),
    });
    expect(mutations.status).toBe(401);
  });

  it('answers authenticated mutations and protocol errors the same way', async () => {
    const auth = { ...json, authorization: `Bearer ${token}` };
    const missingField = await expectSameAsStock({
      method: 'POST',
      path: 'org.update',
      headers: auth,
      body: JSON.stringify({ organization_name: org.organization_name }),
    });
    expect(missingField.status).toBe(400);
    for (const probe of [
      { method: 'POST', path: 'org.get', headers: json, body: '{}' },
      { method: 'GET', path: 'org.create' },
      { method: 'GET', path: 'org.nothing' },
      { method: 'GET', path: 'org.get?input=%7Bnot-json' },
      { method: 'POST', path: 'admin.login', headers: json, body: '{"email":' },
      { method: 'POST', path: 'admin.login', headers: { 'content-type': 'text/plain' }, body: 'hello' },
      { method: 'PUT', path: 'admin.login', headers: json, body: '{}' },
      { method: 'POST', path: 'admin.logout', headers: json, body: '' },
    ]) {
      const answer = await expectSameAsStock(probe);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
  });

  it('leaves streaming batches to the stock handler', async () => {
    const streamed = await expectSameAsStock({
      method: 'GET',
      path: `org.get?batch=1&input=${input({ 0: { organization_name: org.organization_name } })}`,
      headers: { 'trpc-accept': 'application/jsonl' },
    });
    expect(streamed.status).toBe(200);
    expect(streamed.body).toContain(org.organization_name);
  });

  it("keeps the Vary: Origin of CORS beside tRPC's own, on our answers and the stock handler's", async () => {
    const probes: Probe[] = [
      { method: 'GET', path: `org.get?input=${input({ organization_name: org.organization_name })}` },
      { method: 'GET', path: `org.get?batch=1&input=${input({ 0: { organization_name: 'Nope Org' } })}` },
      { method: 'GET', path: 'org.nothing' },
      { method: 'GET', path: 'org.get?input=%7Bnot-json' },
      {
        method: 'GET',
        path: `org.get?batch=1&input=${input({ 0: { organization_name: org.organization_name } })}`,
        headers: { 'trpc-accept': 'application/jsonl' },
      },
    ];
    for (const probe of probes) {
      const response = await fetch(`${server.url}/trpc/${probe.path}`, {
        headers: { origin: 'https://elsewhere.example.test', ...probe.headers },
      });
      await response.arrayBuffer();
      const fields = (response.headers.get('vary') ?? '').split(',').map((field) => field.trim().toLowerCase());
      expect(fields.sort(), probe.path).toEqual(['accept', 'origin', 'trpc-accept']);
    }
  });
});
