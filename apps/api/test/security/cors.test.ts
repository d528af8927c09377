import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';

import { corsExposedHeaders, corsHeaders, corsPreflightMethods } from '../../src/plugins/cors.js';

type Origins = Array<string | RegExp>;

const withRoutes = (app: FastifyInstance) => {
  app.get('/thing', async () => ({ ok: true }));
  app.post('/thing', async () => ({ created: true }));
  app.put('/thing', async () => ({ updated: true }));
  return app;
};

/** The app's old registration: @fastify/cors with its origins and no credentials. */
const stockApp = async (origins: Origins) => {
  const app = Fastify();
  await app.register(cors, {
    origin: origins,
    credentials: false,
    methods: corsPreflightMethods,
    exposedHeaders: [...corsExposedHeaders],
  });
  return withRoutes(app);
};

const ownApp = async (origins: Origins) => {
  const app = Fastify();
  await app.register(corsHeaders, { origins });
  return withRoutes(app);
};

const allowed = 'http://allowed.test';
const local = 'http://localhost:5173';
const refused = 'https://evil.test';
const preflight = (origin: string | undefined, extra: Record<string, string> = {}): InjectOptions => ({
  method: 'OPTIONS',
  url: '/thing',
  headers: { ...(origin ? { origin } : {}), ...extra },
});

const requests: Array<[string, InjectOptions]> = [
  ['GET without Origin', { method: 'GET', url: '/thing' }],
  ['GET from an allowed origin', { method: 'GET', url: '/thing', headers: { origin: allowed } }],
  ['GET from an origin allowed by pattern', { method: 'GET', url: '/thing', headers: { origin: local } }],
  ['GET from a refused origin', { method: 'GET', url: '/thing', headers: { origin: refused } }],
  ['GET of an unknown path from an allowed origin', { method: 'GET', url: '/nothing', headers: { origin: allowed } }],
  [
    'POST from an allowed origin',
    { method: 'POST', url: '/thing', headers: { origin: allowed, 'content-type': 'application/json' }, payload: '{}' },
  ],
  ['preflight from an allowed origin', preflight(allowed, { 'access-control-request-method': 'POST' })],
  [
    'preflight with requested headers',
    preflight(allowed, {
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type, authorization',
    }),
  ],
  ['preflight from a pattern origin', preflight(local, { 'access-control-request-method': 'GET' })],
  ['preflight from a refused origin', preflight(refused, { 'access-control-request-method': 'POST' })],
  ['preflight without a requested method', preflight(allowed)],
  ['OPTIONS without Origin', preflight(undefined, { 'access-control-request-method': 'POST' })],
  [
    'preflight of an unknown path',
    { ...preflight(allowed, { 'access-control-request-method': 'GET' }), url: '/nothing/deeper' },
  ],
];

const originLists: Array<[string, Origins]> = [
  ['exact origins and a pattern', [allowed, /^http:\/\/localhost(:\d{1,5})?$/]],
  ['no origins', []],
  ['any origin (*)', ['*']],
];

const apps: FastifyInstance[] = [];
afterAll(() => Promise.all(apps.map((app) => app.close())));

/** Status, headers (all but the date) and body: everything a client sees. */
const answer = async (app: FastifyInstance, request: InjectOptions) => {
  const response = await app.inject(request);
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
};

describe.each(originLists)('CORS with %s answers as @fastify/cors 11 did', (_, origins) => {
  it.each(requests)('%s', async (_name, request) => {
    const [stock, own] = await Promise.all([stockApp(origins), ownApp(origins)]);
    apps.push(stock, own);
    const expected = await answer(stock, request);
    expect(await answer(own, request)).toEqual(expected);
  });
});

describe('CORS headers', () => {
  it('tell caches that the answer depends on the Origin, with or without one', async () => {
    const app = await ownApp([allowed]);
    apps.push(app);
    const plain = await app.inject({ method: 'GET', url: '/thing' });
    expect(plain.headers.vary).toBe('Origin');
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const cross = await app.inject({ method: 'GET', url: '/thing', headers: { origin: allowed } });
    expect(cross.headers['access-control-allow-origin']).toBe(allowed);
  });
});

describe('CORS exposed headers', () => {
  it('let a console on another origin read Retry-After, the request id, the rate-limit budget and Location', async () => {
    const app = await ownApp([allowed]);
    apps.push(app);
    const cross = await app.inject({ method: 'GET', url: '/thing', headers: { origin: allowed } });
    const exposed = String(cross.headers['access-control-expose-headers'])
      .split(',')
      .map((name) => name.trim().toLowerCase());
    for (const name of ['retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'location']) {
      expect(exposed).toContain(name);
    }
  });
});

describe('CORS preflights for the REST face', () => {
  it('allow every method the contract uses, so browsers can send PUT /org/update and DELETE /org/delete', async () => {
    const app = await ownApp([allowed]);
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const answer = await app.inject(preflight(allowed, { 'access-control-request-method': method }));
      expect(answer.headers['access-control-allow-methods']?.toString().split(',')).toContain(method);
    }
    await app.close();
  });
});
