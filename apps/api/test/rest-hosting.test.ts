import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../src/testing/index.js';
import { createContextFactory } from '../src/trpc/context.js';
import { headersForErrors } from '../src/trpc/errors.js';
import { appRouter } from '../src/trpc/router.js';
import { openArena, type Tenant } from './arena.js';
import { uniqueOrg } from './rest-helpers.js';

// The REST routes are served directly; trpc-to-openapi's own plugin on the same
// domain is the oracle: every request must get the same status, headers and body.
let server: TestServer;
let stock: FastifyInstance;
let stockUrl: string;
let org: Tenant;
let token: string;

beforeAll(async () => {
  const arena = await openArena();
  server = arena.server;
  stock = Fastify();
  await stock.register(fastifyTRPCOpenApiPlugin, {
    router: appRouter,
    createContext: createContextFactory({ domain: server.services.domain }),
    responseMeta: ({ paths, errors }: { paths?: readonly string[] | undefined; errors: { cause?: unknown }[] }) =>
      errors.length === 0 && paths?.includes('org.create') ? { status: 201 } : { headers: headersForErrors(errors) },
  });
  stockUrl = await stock.listen({ host: '127.0.0.1', port: 0 });
  org = await arena.tenant('RestHosting');
  token = org.token;
});
afterAll(async () => {
  await stock.close();
  await server.close();
});

type Probe = { method: string; path: string; body?: unknown; headers?: Record<string, string> };

const call = async (base: string, probe: Probe) => {
  const response = await fetch(`${base}${probe.path}`, {
    method: probe.method,
    headers: { ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }), ...probe.headers },
    ...(probe.body === undefined ? {} : { body: JSON.stringify(probe.body) }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
};

const expectSameAsStock = async (probe: Probe) => {
  const ours = await call(server.url, probe);
  expect(ours).toEqual(await call(stockUrl, probe));
  return ours;
};

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe('REST hosting matches trpc-to-openapi', () => {
  it('answers reads, their errors and query pollution the same way', async () => {
    expect((await expectSameAsStock({ method: 'GET', path: `/org/get${q({ organization_name: org.organization_name })}` })).status).toBe(200);
    expect((await expectSameAsStock({ method: 'GET', path: `/org/get${q({ organization_name: 'Not There At All' })}` })).status).toBe(404);
    expect((await expectSameAsStock({ method: 'GET', path: '/org/get' })).status).toBe(400);
    expect((await expectSameAsStock({ method: 'GET', path: '/org/get?organization_name=a&organization_name=b' })).status).toBe(400);
    expect((await expectSameAsStock({ method: 'GET', path: '/org/get?organization_name=' })).status).toBe(400);
  });

  it('answers writes, created statuses, auth failures and validation errors the same way', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await expectSameAsStock({ method: 'POST', path: '/admin/login', body: { email: org.email, password: 'wrong-password-9' } })).status).toBe(401);
    expect((await expectSameAsStock({ method: 'POST', path: '/org/create', body: { organization_name: org.organization_name, email: 'z@example.com', password: 'Some-pass-123' } })).status).toBe(409);
    expect((await expectSameAsStock({ method: 'POST', path: '/org/create', body: { organization_name: { $ne: null } } })).status).toBe(400);
    expect((await expectSameAsStock({ method: 'PUT', path: '/org/update', body: { organization_name: org.organization_name } })).status).toBe(401);
    expect((await expectSameAsStock({ method: 'PUT', path: '/org/update', headers: auth, body: { organization_name: org.organization_name } })).status).toBe(400);
    expect((await expectSameAsStock({ method: 'GET', path: `/org/audit-log${q({ organization_name: org.organization_name, limit: 'x' })}`, headers: auth })).status).toBe(400);
    expect((await expectSameAsStock({ method: 'POST', path: '/org/create' })).status).toBe(415);
  });

  it('still answers unknown routes and methods through the catch-all', async () => {
    expect((await expectSameAsStock({ method: 'GET', path: '/org/nothing' })).status).toBe(404);
    expect((await expectSameAsStock({ method: 'POST', path: '/org/get', body: {} })).status).toBe(404);
  });

  it('answers a create with 201 and the organization', async () => {
    const created = await call(server.url, { method: 'POST', path: '/org/create', body: uniqueOrg('RestCreated') });
    expect(created.status).toBe(201);
    expect(created.contentType).toBe((await call(stockUrl, { method: 'GET', path: `/org/get${q({ organization_name: org.organization_name })}` })).contentType);
  });
});
