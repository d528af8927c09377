import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { createSeriesRecorder, verifiedPromClientVersion } from '../../src/observability/metric-series.js';

const buckets = [0.001, 0.01, 0.1, 1];
const instruments = () => {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'] as const;
  const counter = new Counter({ name: 'requests_total', help: 'requests', labelNames, registers: [registry] });
  const histogram = new Histogram({
    name: 'request_seconds',
    help: 'time',
    labelNames,
    buckets,
    registers: [registry],
  });
  return { registry, counter, histogram };
};

type Event = [method: string, route: string, status: number, seconds: number];
const events: Event[] = [
  ['GET', '/org/get', 200, 0.0004],
  ['GET', '/org/get', 200, 0.003],
  ['GET', '/org/get', 404, 0.02],
  ['POST', '/admin/login', 200, 0.4],
  ['GET', '/org/get', 200, 0.001],
  ['GET', '/org/get', 200, 7],
  ['POST', '/admin/login', 429, 0.0001],
  ['GET', '/org/get', 404, 0.5],
  ['GET', '/org/get', 200, 0.09],
];

describe('series recorder', () => {
  it('writes the same /metrics text as inc and observe through the public API', async () => {
    const stock = instruments();
    const fast = instruments();
    const record = createSeriesRecorder(fast.counter, fast.histogram);
    for (const [method, route, status, seconds] of events) {
      const labels = { method, route, status_code: String(status) };
      stock.counter.inc(labels);
      stock.histogram.observe(labels, seconds);
      record(`${method} ${status} ${route}`, () => labels, seconds);
    }
    expect(await fast.registry.metrics()).toBe(await stock.registry.metrics());
  });

  it('keeps counting after the registry is reset', async () => {
    const stock = instruments();
    const fast = instruments();
    const record = createSeriesRecorder(fast.counter, fast.histogram);
    const labels = { method: 'GET', route: '/health', status_code: '200' };
    for (const registry of [stock, fast]) registry.counter.inc(labels);
    record('GET 200 /health', () => labels, 0.002);
    stock.histogram.observe(labels, 0.002);
    for (const { registry } of [stock, fast]) registry.resetMetrics();
    for (const seconds of [0.005, 0.05]) {
      stock.counter.inc(labels);
      stock.histogram.observe(labels, seconds);
      record('GET 200 /health', () => labels, seconds);
    }
    expect(await fast.registry.metrics()).toBe(await stock.registry.metrics());
  });

  it('reads the internals of the prom-client version it was checked against', () => {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('prom-client/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    expect(
      version,
      'prom-client changed: re-read lib/counter.js and lib/histogram.js (hashMap entries), then update metric-series.ts and the exact pin',
    ).toBe(verifiedPromClientVersion);
  });
});
