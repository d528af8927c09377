import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

import { createSeriesRecorder } from './metric-series.js';

/** Seconds; from a cached read (~1 ms) to a slow argon2 or a timed-out database call. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every instrument of one API instance, in a registry of its own (not prom-client's
 * global one) so several apps in one test process never clash. Labels are bounded
 * sets only: route patterns, procedure paths, command names, status codes — never
 * raw URLs, organization names or collection names.
 */
export const createMetrics = () => {
  const registry = new Registry();
  // Process memory, CPU, event loop lag (nodejs_eventloop_lag_*), GC, handles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its answer, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const procedureCalls = new Counter({
    name: 'orgsphere_procedure_calls_total',
    help: 'tRPC procedure calls (typed client and REST alike), by procedure, type and result code.',
    labelNames: ['procedure', 'type', 'code'] as const,
    registers,
  });
  const procedureDuration = new Histogram({
    name: 'orgsphere_procedure_duration_seconds',
    help: 'tRPC procedure latency, by procedure, type and result code.',
    labelNames: ['procedure', 'type', 'code'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const recordHttp = createSeriesRecorder(httpRequests, httpDuration);
  const recordProcedure = createSeriesRecorder(procedureCalls, procedureDuration);

  return {
    registry,
    httpRequests,
    httpDuration,
    procedureCalls,
    procedureDuration,
    /** One answered request in http_requests_total and http_request_duration_seconds. */
    recordHttpRequest: (method: string, route: string, statusCode: number, seconds: number) =>
      recordHttp(
        `${method} ${statusCode} ${route}`,
        () => ({ method, route, status_code: String(statusCode) }),
        seconds,
      ),
    /** One procedure call in orgsphere_procedure_calls_total and orgsphere_procedure_duration_seconds. */
    recordProcedureCall: (procedure: string, type: string, code: string, seconds: number) =>
      recordProcedure(`${procedure} ${type} ${code}`, () => ({ procedure, type, code }), seconds),
    dbCommandDuration: new Histogram({
      name: 'orgsphere_db_command_duration_seconds',
      help: 'MongoDB command latency as seen by the driver, by command name and outcome.',
      labelNames: ['command', 'outcome'] as const,
      buckets: latencyBuckets,
      registers,
    }),
    passwordHashDuration: new Histogram({
      name: 'orgsphere_password_hash_duration_seconds',
      help: 'argon2id time per hash or verify (runs on the libuv thread pool).',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
      registers,
    }),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;

/** Seconds elapsed since a process.hrtime.bigint() reading. */
export const secondsSince = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;
