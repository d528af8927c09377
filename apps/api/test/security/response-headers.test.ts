import { request } from 'node:http';

import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { securityHeaders } from '../../src/plugins/response-headers.js';
import { openArena, type Arena } from '../arena.js';

let arena: Arena;
beforeAll(async () => {
  arena = await openArena({ rateLimit: { max: 3, windowMs: 60_000 } });
});
afterAll(() => arena.server.close());

/** What @fastify/helmet itself sets, with the options the app registered it with before. */
const helmetHeaders = async () => {
  const app = Fastify();
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  app.get('/', async () => ({ ok: true }));
  const response = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  const bare = Fastify();
  bare.get('/', async () => ({ ok: true }));
  const plain = await bare.inject({ method: 'GET', url: '/' });
  await bare.close();
  return Object.fromEntries(Object.entries(response.headers).filter(([name]) => !(name in plain.headers)));
};

type Answer = { status: number; headers: { get: (name: string) => string | null } };

const securityHeadersOf = (response: Answer) =>
  Object.fromEntries(Object.keys(securityHeaders).map((name) => [name, response.headers.get(name)]));

/** fetch joins repeated headers into one; node:http sends them as sent. */
const twoAuthorizationHeaders = (target: string) =>
  new Promise<Answer>((resolve, reject) => {
    const url = new URL(target);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search }, (res) => {
      res.resume();
      const header = (name: string) => {
        const value = res.headers[name];
        return typeof value === 'string' ? value : null;
      };
      resolve({ status: res.statusCode ?? 0, headers: { get: header } });
    });
    req.setHeader('authorization', ['Bearer a', 'Bearer b']);
    req.on('error', reject);
    req.end();
  });

describe('security headers', () => {
  it('are exactly the headers @fastify/helmet sets', async () => {
    expect(securityHeaders).toEqual(await helmetHeaders());
  });

  it('are on every kind of answer, each with its request id', async () => {
    const url = arena.server.url;
    const answers = [
      await fetch(`${url}/health`),
      await fetch(`${url}/no/such/route`),
      await fetch(`${url}/docs/json`),
      await fetch(`${url}/org/create`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      await twoAuthorizationHeaders(`${url}/org/get?organization_name=x`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 200, 415, 400]);
    // The general limit is 3 per window: a few more requests meet the 429.
    let limited = await fetch(`${url}/org/get?organization_name=Nobody%20Here`);
    for (let i = 0; i < 5 && limited.status !== 429; i += 1)
      limited = await fetch(`${url}/org/get?organization_name=Nobody%20Here`);
    expect(limited.status).toBe(429);
    for (const response of [...answers, limited]) {
      expect(securityHeadersOf(response)).toEqual(securityHeaders);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
