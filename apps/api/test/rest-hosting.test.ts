import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAppProcedureHttp } from '../src/procedure-http/app-procedure-http.js';
import { stockRestOptions } from '../src/procedure-http/stock-adapter-options.js';
import type { TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import { uniqueOrg } from './rest-helpers.js';

// The REST routes are served directly; trpc-to-openapi's own plugin on the same
// domain is the oracle: every request must get the same status, headers and body,
// except that our error bodies also carry FastAPI's `detail` (issue 13).
let server: TestServer;
let stock: FastifyInstance;
let stockUrl: string;
let org: Tenant;
let token: string;

beforeAll(async () => {
  const arena = await openArena();
  server = arena.server;
  stock = Fastify();
  // The same options object as the server's own, so only the hosting differs.
  await stock.register(
    fastifyTRPCOpenApiPlugin,
    stockRestOptions(createAppProcedureHttp({ domain: server.services.domain }, stock.log)),
  );
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

/** trpc-to-openapi's answer with `detail` (a copy of `message`) appended to an error body. */
const withDetail = (answer: Awaited<ReturnType<typeof call>>) => {
  if (answer.status < 400 || answer.body === '') return answer;
  const body = JSON.parse(answer.body) as { message: string };
  return { ...answer, body: JSON.stringify({ ...body, detail: body.message }) };
};

const expectSameAsStock = async (probe: Probe) => {
  const ours = await call(server.url, probe);
  expect(ours).toEqual(withDetail(await call(stockUrl, probe)));
  return ours;
};

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe('REST hosting matches trpc-to-openapi', () => {
  it('answers reads, their errors and query pollution the same way', async () => {
    expect(
      (await expectSameAsStock({ method: 'GET', path: `/org/get${q({ organization_name: org.organization_name })}` }))
        .status,
    ).toBe(200);
    expect(
      (await expectSameAsStock({ method: 'GET', path: `/org/get${q({ organization_name: 'Not There At All' })}` }))
        .status,
    ).toBe(404);
    expect((await expectSameAsStock({ method: 'GET', path: '/org/get' })).status).toBe(400);
    expect(
      (await expectSameAsStock({ method: 'GET', path: '/org/get?organization_name=a&organization_name=b' })).status,
    ).toBe(400);
    expect((await expectSameAsStock({ method: 'GET', path: '/org/get?organization_name=' })).status).toBe(400);
  });

  it('answers writes, created statuses, auth failures and validation errors the same way', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (
        await expectSameAsStock({
          method: 'POST',
          path: '/admin/login',
          body: { email: org.email, password: 'wrong-password-9' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await expectSameAsStock({
          method: 'POST',
          path: '/org/create',
          body: { organization_name: org.organization_name, email: 'z@example.com', password: 'Some-pass-123' },
        })
      ).status,
    ).toBe(409);
    expect(
      (await expectSameAsStock({ method: 'POST', path: '/org/create', body: { organization_name: { $ne: null } } }))
        .status,
    ).toBe(400);
    expect(
      (
        await expectSameAsStock({
          method: 'PUT',
          path: '/org/update',
          body: { organization_name: org.organization_name },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await expectSameAsStock({
          method: 'PUT',
          path: '/org/update',
          headers: auth,
          body: { organization_name: org.organization_name },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await expectSameAsStock({
          method: 'GET',
          path: `/org/audit-log${q({ organization_name: org.organization_name, limit: 'x' })}`,
          headers: auth,
        })
      ).status,
    ).toBe(400);
    expect((await expectSameAsStock({ method: 'POST', path: '/org/create' })).status).toBe(415);
  });

  it('answers unknown routes and methods, and the paths trpc-to-openapi also matches, the same way', async () => {
    expect((await expectSameAsStock({ method: 'GET', path: '/org/nothing' })).status).toBe(404);
    expect((await expectSameAsStock({ method: 'GET', path: '/' })).status).toBe(404);
    expect((await expectSameAsStock({ method: 'POST', path: '/org/get', body: {} })).status).toBe(404);
    expect((await expectSameAsStock({ method: 'PATCH', path: '/org/update', body: {} })).status).toBe(404);
    expect((await expectSameAsStock({ method: 'HEAD', path: '/org/nothing' })).status).toBe(204);
    const name = q({ organization_name: org.organization_name });
    expect((await expectSameAsStock({ method: 'GET', path: `/ORG/Get${name}` })).status).toBe(200);
    expect((await expectSameAsStock({ method: 'GET', path: `/org/get/${name}` })).status).toBe(200);
    expect((await expectSameAsStock({ method: 'GET', path: `/org/get//${name}` })).status).toBe(404);
  });

  it('validates bodies that are not objects the same way', async () => {
    for (const body of [null, [], 'organization_name', 42]) {
      expect((await expectSameAsStock({ method: 'POST', path: '/org/create', body })).status).toBe(400);
    }
  });

  it('answers a create with 201 and the organization', async () => {
    const created = await call(server.url, { method: 'POST', path: '/org/create', body: uniqueOrg('RestCreated') });
    expect(created.status).toBe(201);
    expect(created.contentType).toBe(
      (await call(stockUrl, { method: 'GET', path: `/org/get${q({ organization_name: org.organization_name })}` }))
        .contentType,
    );
  });
});
