import { createServer } from 'node:net';

import stockRateLimit from '@fastify/rate-limit';
import type { Domain } from '@orgsphere/core';
import { createRedisClient } from '@orgsphere/db';
import { requireTestRedis, testRedisUrl } from '@orgsphere/db/testing';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { corsHeaders } from '../../src/plugins/cors.js';
import { healthRoutes } from '../../src/plugins/health.js';
import { rateLimit } from '../../src/plugins/rate-limit.js';
import { rateLimitKeyFor } from '../../src/plugins/rate-limit-key.js';
import { localStoreMaxKeys } from '../../src/plugins/rate-limit-store.js';
import { restRoutes } from '../../src/plugins/rest.js';
import { trpcRoutes } from '../../src/plugins/trpc.js';
import { createAppProcedureHttp } from '../../src/procedure-http/app-procedure-http.js';
import { openArena, type Arena } from '../arena.js';

const redisReachable = await requireTestRedis('the rate limit over Redis');
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Limit = { max: number; windowMs: number };
type Shared = { redis: Redis; nameSpace: string } | undefined;
type Limiter = (app: FastifyInstance, domain: Domain) => PromiseLike<unknown>;

/** The app's old registration: @fastify/rate-limit 11.2 with the options app.ts gave it. */
const stockLimiter =
  ({ max, windowMs }: Limit, shared: Shared): Limiter =>
  (app, domain) =>
    app.register(stockRateLimit, {
      max,
      timeWindow: windowMs,
      keyGenerator: rateLimitKeyFor(domain),
      ...(shared ? { redis: shared.redis, nameSpace: shared.nameSpace } : {}),
    });

const ownLimiter =
  ({ max, windowMs }: Limit, shared: Shared): Limiter =>
  (app, domain) =>
    app.register(rateLimit, {
      max,
      windowMs,
      keyFor: rateLimitKeyFor(domain),
      redis: shared ? { client: shared.redis, nameSpace: shared.nameSpace } : undefined,
    });

/**
 * The routes of app.ts around the limit, registered in its order: CORS first (its OPTIONS
 * route stays unlimited), then the limit, the probes (which opt out), tRPC and REST (whose
 * scope answers framework errors with its own handler, tRPC's with Fastify's).
 */
const composeApp = async (domain: Domain, limiter: Limiter) => {
  const app = Fastify();
  await app.register(corsHeaders, { origins: ['http://allowed.test'] });
  await limiter(app, domain);
  await app.register(healthRoutes, { isReady: async () => true });
  const http = createAppProcedureHttp({ domain }, app.log);
  await app.register(trpcRoutes, { http });
  await app.register(restRoutes, { http, version: '0.1.0' });
  return app;
};

/** Status, headers (all but the date) and body: everything a client sees. */
const answerOf = async (app: FastifyInstance, request: InjectOptions) => {
  const response = await app.inject(request);
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
};

type Step = InjectOptions | { waitMs: number };

/**
 * Sends each step to an app with the stock plugin, then the same to one with ours (so both
 * windows age alike), expecting the same answer; returns the answers for the scenario's own checks.
 */
const compareAnswers = async (domain: Domain, limit: Limit, steps: Step[], shared?: { stock: Shared; own: Shared }) => {
  const stock = await composeApp(domain, stockLimiter(limit, shared?.stock));
  const own = await composeApp(domain, ownLimiter(limit, shared?.own));
  try {
    const answers = [];
    for (const [index, step] of steps.entries()) {
      if ('waitMs' in step) {
        await new Promise((resolve) => setTimeout(resolve, step.waitMs));
        continue;
      }
      const expected = await answerOf(stock, step);
      const actual = await answerOf(own, step);
      expect(actual, `step ${index}: ${step.method ?? 'GET'} ${JSON.stringify(step.url)}`).toEqual(expected);
      answers.push(actual);
    }
    return answers;
  } finally {
    await Promise.all([stock.close(), own.close()]);
  }
};

const from = (remoteAddress: string, request: InjectOptions): InjectOptions => ({ ...request, remoteAddress });
const withKey = (secret: string, request: InjectOptions): InjectOptions => ({
  ...request,
  headers: { ...request.headers, authorization: `Bearer ${secret}` },
});
const repeat = (times: number, request: InjectOptions) => Array.from({ length: times }, () => request);
const statuses = (answers: Array<{ status: number }>) => answers.map((answer) => answer.status);

const minute = { max: 3, windowMs: 60_000 };
const forgedKey = `osk_test_${'x'.repeat(43)}`;

let arena: Arena;
let domain: Domain;
let orgName: string;
let apiKey: string;

beforeAll(async () => {
  arena = await openArena();
  domain = arena.server.services.domain;
  const tenant = await arena.tenant('Limited');
  orgName = tenant.organization_name;
  const issued = await arena.api.send('POST', '/api-keys', {
    token: tenant.token,
    body: { name: 'rate limit', scopes: ['members.read'] },
  });
  if (issued.status !== 200) throw new Error(`api key not issued: ${JSON.stringify(issued.body)}`);
  apiKey = (issued.body as { secret: string }).secret;
});
afterAll(() => arena.server.close());

/** The sequences compared in process and over Redis. */
const scenarios = (): Array<[string, Limit, Step[], (answers: Array<{ status: number }>) => void]> => {
  const getOrg = { method: 'GET', url: `/org/get?organization_name=${encodeURIComponent(orgName)}` } as const;
  const trpcGet = {
    method: 'GET',
    url: `/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: orgName }))}`,
  } as const;
  const members = { method: 'GET', url: '/members' } as const;
  return [
    [
      'one client under, at and over the limit, on REST and tRPC',
      minute,
      [...repeat(3, getOrg), getOrg, trpcGet, { ...getOrg, method: 'HEAD' }],
      (answers) => expect(statuses(answers)).toEqual([200, 200, 200, 429, 429, 429]),
    ],
    [
      'several clients, each with its own budget',
      { max: 2, windowMs: 60_000 },
      ['10.0.0.1', '10.0.0.2', '10.0.0.1', '10.0.0.3', '10.0.0.1', '10.0.0.2', '10.0.0.2'].map((ip) =>
        from(ip, getOrg),
      ),
      (answers) => expect(statuses(answers)).toEqual([200, 200, 200, 200, 429, 200, 429]),
    ],
    [
      'probes, preflights and unknown paths, below and past the limit',
      minute,
      [
        { method: 'GET', url: '/no/such/route' },
        { method: 'GET', url: '/health' },
        { method: 'HEAD', url: '/ready' },
        {
          method: 'OPTIONS',
          url: '/org/get',
          headers: { origin: 'http://allowed.test', 'access-control-request-method': 'GET' },
        },
        { method: 'POST', url: '/org/create', headers: { 'content-type': 'application/json' }, payload: '{' },
        { method: 'PATCH', url: '/nowhere' },
        { method: 'DELETE', url: '/trpc/no.such.procedure' },
        { method: 'GET', url: '/health' },
        { method: 'GET', url: '/ready' },
        { method: 'TRACE', url: '/org/get' },
      ],
      (answers) => expect(statuses(answers)).toEqual([404, 200, 200, 204, 400, 404, 429, 200, 200, 404]),
    ],
    [
      'a valid API key is one budget from any address; without it, or with a forged one, the address is',
      { max: 2, windowMs: 60_000 },
      [
        from('10.0.1.1', withKey(apiKey, members)),
        from('10.0.1.2', withKey(apiKey, members)),
        from('10.0.1.3', withKey(apiKey, members)),
        from('10.0.1.1', members),
        from('10.0.1.1', withKey(forgedKey, members)),
        from('10.0.1.1', withKey(forgedKey, members)),
        from('10.0.1.4', withKey(forgedKey, members)),
      ],
      (answers) => expect(statuses(answers)).toEqual([200, 200, 429, 401, 401, 429, 401]),
    ],
    [
      'a window that runs out starts afresh at the next request',
      { max: 1, windowMs: 1_000 },
      [getOrg, getOrg, { waitMs: 1_100 }, getOrg, getOrg],
      (answers) => expect(statuses(answers)).toEqual([200, 429, 200, 429]),
    ],
    ...[1_000, 30_000, 90_000, 3_600_000, 2 * 86_400_000].map(
      (windowMs): [string, Limit, Step[], (answers: Array<{ status: number }>) => void] => [
        `the 429 of a ${windowMs} ms window names the wait in its unit`,
        { max: 0, windowMs },
        [getOrg, trpcGet],
        (answers) => expect(statuses(answers)).toEqual([429, 429]),
      ],
    ),
  ];
};

describe('the rate limit answers as @fastify/rate-limit 11.2 did, in process', () => {
  it.each(scenarios().map(([name], index) => [name, index] as const))('%s', async (_name, index) => {
    const [, limit, steps, check] = scenarios()[index]!;
    check(await compareAnswers(domain, limit, steps));
  });

  it(`keeps the ${localStoreMaxKeys} most recently seen keys, forgetting the oldest`, async () => {
    const unknown = { method: 'GET', url: '/no/such/route' } as const;
    const address = (n: number) => `10.1.${Math.floor(n / 256)}.${n % 256}`;
    const answers = await compareAnswers(domain, { max: 1, windowMs: 60_000 }, [
      ...Array.from({ length: localStoreMaxKeys + 1 }, (_, n) => from(address(n), unknown)),
      from(address(1), unknown),
      from(address(0), unknown),
    ]);
    // The second address is still counted; the first was forgotten and starts a new window.
    expect(statuses(answers.slice(-2))).toEqual([429, 404]);
  });
});

describe.skipIf(!redisReachable)('the rate limit answers as @fastify/rate-limit 11.2 did, over Redis', () => {
  let redis: Redis;
  const prefix = `test:rate:${runId}:`;
  const sharedBy = (scenario: string) => ({
    stock: { redis, nameSpace: `${prefix}${scenario}:stock:` },
    own: { redis, nameSpace: `${prefix}${scenario}:own:` },
  });

  beforeAll(() => {
    redis = createRedisClient(testRedisUrl);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it.each(scenarios().map(([name], index) => [name, index] as const))('%s', async (_name, index) => {
    const [, limit, steps, check] = scenarios()[index]!;
    check(await compareAnswers(domain, limit, steps, sharedBy(String(index))));
  });

  it('counts under the namespace + key, with the window as the expiry', async () => {
    const shared = sharedBy('keys');
    await compareAnswers(domain, minute, [from('10.2.0.1', { method: 'GET', url: '/no/such/route' })], shared);
    for (const { nameSpace } of [shared.stock, shared.own]) {
      expect(await redis.get(`${nameSpace}10.2.0.1`)).toBe('1');
      const ttl = await redis.pttl(`${nameSpace}10.2.0.1`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(minute.windowMs);
    }
  });

  it('serves requests uncounted while Redis is away, where the stock plugin answered 500 to each', async () => {
    // A port nobody listens on: the client retries in the background and fails each command.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const away = createRedisClient(`redis://127.0.0.1:${port}`);
    away.on('error', () => undefined);
    const requests: InjectOptions[] = [
      { method: 'GET', url: `/org/get?organization_name=${encodeURIComponent(orgName)}` },
      {
        method: 'GET',
        url: `/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: orgName }))}`,
      },
      { method: 'GET', url: '/health' },
    ];
    const stock = await composeApp(domain, stockLimiter(minute, { redis: away, nameSpace: 'away:' }));
    const own = await composeApp(domain, ownLimiter(minute, { redis: away, nameSpace: 'away:' }));
    try {
      const stockAnswers = [];
      const ownAnswers = [];
      for (const request of requests) {
        stockAnswers.push(await answerOf(stock, request));
        ownAnswers.push(await answerOf(own, request));
      }
      expect(statuses(stockAnswers)).toEqual([500, 500, 200]);
      expect(statuses(ownAnswers)).toEqual([200, 200, 200]);
      for (const answer of ownAnswers) expect(answer.headers['x-ratelimit-limit']).toBeUndefined();
      // The same data as when Redis is there: only the counting is skipped.
      const reachable = await composeApp(domain, ownLimiter(minute, undefined));
      try {
        for (const [index, request] of requests.entries()) {
          expect(ownAnswers[index]!.body).toBe((await answerOf(reachable, request)).body);
        }
      } finally {
        await reachable.close();
      }
    } finally {
      await Promise.all([stock.close(), own.close()]);
      away.disconnect();
    }
  });
});
