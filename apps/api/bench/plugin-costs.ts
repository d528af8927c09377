/**
 * `tsx bench/plugin-costs.ts`: what one pipeline part costs a trivial route, stock library
 * against our replacement, side by side in one process. Each variant is a Fastify app with one
 * part added; requests go through `inject` (no sockets, so no kernel time and no load
 * generator on the same cores), and the CPU time per request (process.cpuUsage) is taken in
 * alternating rounds whose order flips each round. Prints medians and ranges over the rounds.
 *
 *   PLUGIN_COSTS_ROUNDS=7 PLUGIN_COSTS_REQUESTS=4000 tsx bench/plugin-costs.ts
 */
import cors from '@fastify/cors';
import stockRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';

import { createMetrics } from '../src/observability/metrics.js';
import { corsHeaders } from '../src/plugins/cors.js';
import { rateLimit } from '../src/plugins/rate-limit.js';
import { median } from './median.js';

const rounds = Number(process.env.PLUGIN_COSTS_ROUNDS ?? 7);
const requestsPerRound = Number(process.env.PLUGIN_COSTS_REQUESTS ?? 4000);
const origins = ['https://app.example.test', /^http:\/\/localhost(:\d{1,5})?$/];

const withRoute = (app: FastifyInstance) => {
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
};

/** The HTTP metrics as request-telemetry.ts recorded them before (public API) and now. */
const metricsHook = (app: FastifyInstance, record: 'public' | 'series') => {
  const metrics = createMetrics();
  app.addHook('onResponse', (request, reply, done) => {
    if (record === 'public') {
      const labels = { method: request.method, route: '/health', status_code: String(reply.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, 0.0012);
    } else metrics.recordHttpRequest(request.method, '/health', reply.statusCode, 0.0012);
    done();
  });
};

const variants: Record<string, () => Promise<FastifyInstance>> = {
  bare: async () => withRoute(Fastify()),
  '@fastify/cors': async () => {
    const app = Fastify();
    await app.register(cors, { origin: origins, credentials: false });
    return withRoute(app);
  },
  'own CORS hook': async () => {
    const app = Fastify();
    await app.register(corsHeaders, { origins });
    return withRoute(app);
  },
  'prom-client inc + observe': async () => {
    const app = Fastify();
    metricsHook(app, 'public');
    return withRoute(app);
  },
  'series recorder': async () => {
    const app = Fastify();
    metricsHook(app, 'series');
    return withRoute(app);
  },
  // In memory, keyed by address as a request without an API key is (plugins/rate-limit-key.ts).
  '@fastify/rate-limit': async () => {
    const app = Fastify();
    await app.register(stockRateLimit, { max: 1e9, timeWindow: 60_000, keyGenerator: (request) => request.ip });
    return withRoute(app);
  },
  'own rate limit': async () => {
    const app = Fastify();
    await app.register(rateLimit, { max: 1e9, windowMs: 60_000, keyFor: (request) => request.ip });
    return withRoute(app);
  },
};

const apps = new Map<string, FastifyInstance>();
for (const [name, build] of Object.entries(variants)) {
  const app = await build();
  await app.ready();
  apps.set(name, app);
}

/** CPU µs per request over `count` sequential injects of GET /health (no Origin, as probes and most API calls). */
const cpuPerRequest = async (app: FastifyInstance, count: number) => {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i += 1) {
    const response = await app.inject({ method: 'GET', url: '/health' });
    if (response.statusCode !== 200) throw new Error(`answered ${response.statusCode}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
};

for (const app of apps.values()) await cpuPerRequest(app, 1000);
const samples = new Map<string, number[]>([...apps.keys()].map((name) => [name, []]));
for (let round = 0; round < rounds; round += 1) {
  const order = round % 2 === 0 ? [...apps] : [...apps].reverse();
  for (const [name, app] of order) samples.get(name)!.push(await cpuPerRequest(app, requestsPerRound));
}

const bare = median(samples.get('bare')!);
console.log(`| variant | CPU µs per request (median, range over ${rounds} rounds) | added to bare |`);
console.log('|---|--:|--:|');
for (const [name, values] of samples) {
  const value = median(values);
  const range = `${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)}`;
  console.log(`| ${name} | ${value.toFixed(1)} (${range}) | ${name === 'bare' ? '—' : (value - bare).toFixed(1)} |`);
}
for (const app of apps.values()) await app.close();
