import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { loadEnv } from '../../src/env.js';
import { servicesInstrumentation } from '../../src/observability/services-instrumentation.js';
import { startTracing, tracingEnabled, type Tracing } from '../../src/observability/tracing.js';
import { startApiProcess, startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, uniqueOrg } from '../rest-helpers.js';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

describe('tracing switch', () => {
  it('is off unless OTEL_* chooses an exporter', () => {
    expect(tracingEnabled(loadEnv({}))).toBe(false);
    expect(tracingEnabled(loadEnv({ OTEL_SERVICE_NAME: 'x' }))).toBe(false);
    expect(tracingEnabled(loadEnv({ OTEL_TRACES_EXPORTER: 'console' }))).toBe(true);
    expect(tracingEnabled(loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBe(true);
    expect(
      tracingEnabled(loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })),
    ).toBe(false);
    expect(tracingEnabled(loadEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }))).toBe(false);
  });

  it('loads no OpenTelemetry SDK code when off (the whole server module graph, in a fresh process)', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const { startTracing } = await import('./src/observability/tracing.ts');
      const { loadEnv } = await import('./src/env.ts');
      await import('./src/start-server.ts');
      const tracing = await startTracing(loadEnv({ NODE_ENV: 'production', MONGO_URI: 'mongodb://db', JWT_SECRET: 'x'.repeat(40), WEBHOOK_SECRETS_KEY: 'w'.repeat(40) }));
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('@opentelemetry/'));
      console.log(JSON.stringify({ tracing: tracing !== undefined, sdk: loaded.filter((path) => !path.includes('@opentelemetry/api/')) }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: apiDir,
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    // prom-client loads the (no-op) @opentelemetry/api facade itself; nothing more may load.
    expect(JSON.parse(stdout.trim())).toEqual({ tracing: false, sdk: [] });
  });
});

describe('tracing on, with an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let server: TestServer;

  beforeAll(async () => {
    tracing = (await startTracing(loadEnv({ OTEL_SERVICE_NAME: 'orgsphere-test' }), { exporter }))!;
    server = await startTestServer(inject('mongoUri'), {
      observability: { tracing },
      instrumentation: servicesInstrumentation({ tracing }),
    });
  });
  afterAll(async () => {
    await server.close();
    await tracing.shutdown();
  });

  it('records the HTTP server span, the tRPC procedure span inside it, and MongoDB spans inside that', async () => {
    const api = restClient(server.url);
    const traceParent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const created = await api.send('POST', '/org/create', {
      body: uniqueOrg('Traced'),
      headers: { traceparent: traceParent },
    });
    expect(created.status).toBe(201);

    const spans = exporter.getFinishedSpans();
    const server_ = spans.find((span) => span.attributes['http.route'] === '/org/create');
    expect(server_).toBeDefined();
    // An incoming W3C traceparent is continued.
    expect(server_!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(server_!.attributes['http.response.status_code']).toBe(201);
    expect(server_!.name).toBe('POST /org/create');
    expect(server_!.resource.attributes['service.name']).toBe('orgsphere-test');

    const inTrace = spans.filter((span) => span.spanContext().traceId === server_!.spanContext().traceId);
    const procedure = inTrace.find((span) => span.name === 'trpc org.create');
    expect(procedure?.parentSpanContext?.spanId).toBe(server_!.spanContext().spanId);
    expect(procedure?.attributes['trpc.code']).toBe('OK');

    const database = inTrace.filter((span) => span.attributes['db.system.name'] === 'mongodb');
    expect(database.map((span) => span.attributes['db.operation.name'])).toEqual(expect.arrayContaining(['insert']));
    const isUnder = (span: ReadableSpan, ancestorId: string): boolean => {
      const parentId = span.parentSpanContext?.spanId;
      if (!parentId) return false;
      if (parentId === ancestorId) return true;
      const parent = inTrace.find((candidate) => candidate.spanContext().spanId === parentId);
      return parent ? isUnder(parent, ancestorId) : false;
    };
    expect(database.every((span) => isUnder(span, procedure!.spanContext().spanId))).toBe(true);
  });
});

describe('tracing switched on by OTEL_TRACES_EXPORTER=console in a real API process', () => {
  const masterDbName = `test_otel_${Date.now().toString(36)}`;
  afterAll(async () => {
    const client = new MongoClient(inject('mongoUri'));
    await client.connect();
    await client.db(masterDbName).dropDatabase();
    await client.close();
  });

  it('prints the spans of a request (no network involved)', async () => {
    const api = await startApiProcess({
      MONGO_URI: inject('mongoUri'),
      MASTER_DB_NAME: masterDbName,
      OTEL_TRACES_EXPORTER: 'console',
      OTEL_SERVICE_NAME: 'orgsphere-console-test',
    });
    try {
      expect((await restClient(api.url).getOrg('Nobody Traced')).status).toBe(404);
      // The console exporter prints each span as an object literal, one property per line.
      await api.waitForLog((line) => String(line.msg).includes("name: 'trpc org.get'"), 10_000);
      await api.waitForLog((line) => String(line.msg).includes("'http.route': '/org/get'"), 10_000);
    } finally {
      await api.kill('SIGTERM');
    }
  });
});
