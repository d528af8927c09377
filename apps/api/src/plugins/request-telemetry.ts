import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { secondsSince, type Metrics } from '../observability/metrics.js';
import type { RequestObservation } from '../observability/request-observation.js';
import type { RouteLabeler } from '../observability/route-label.js';
import type { Tracing } from '../observability/tracing.js';
import type { RequestTelemetry } from '../trpc/context.js';

export type RequestTelemetryOptions = { metrics?: Metrics | undefined; tracing?: Tracing | undefined };

/**
 * Per-request state for the log line (observability/request-log-controller.ts), the
 * HTTP metrics and, when tracing is on, the server span that every procedure and
 * database span of the request nests under.
 */
export const requestTelemetry = fp(
  async (
    app: FastifyInstance,
    { metrics, tracing, routeLabel }: RequestTelemetryOptions & { routeLabel: RouteLabeler },
  ) => {
    app.decorateRequest('telemetry', null);
    const observe = (request: FastifyRequest): RequestObservation =>
      (request.telemetry = {
        startedAt: process.hrtime.bigint(),
        organizationId: null,
        adminId: null,
        procedures: [],
        span: undefined,
        route: undefined,
      });

    if (tracing) {
      app.addHook('onRequest', (request, _reply, done) => {
        const observation = observe(request);
        const attributes = { 'http.request.method': request.method, 'url.scheme': request.protocol };
        // The rest of the request runs inside the span, so procedure and database spans become its children.
        observation.span = tracing.startServerSpan(request.method, request.headers, attributes, done);
      });
    } else {
      // Callback hooks here and below: they run on every request, and an async hook costs a promise each time.
      app.addHook('onRequest', (request, _reply, done) => {
        observe(request);
        done();
      });
    }

    app.addHook('onResponse', (request, reply, done) => {
      const observation = request.telemetry;
      if (!observation) {
        done();
        return;
      }
      const route = routeLabel(request);
      const seconds = secondsSince(observation.startedAt);
      const statusCode = reply.statusCode;
      metrics?.recordHttpRequest(request.method, route, statusCode, seconds);
      if (observation.span) {
        // "GET /org/get" once the route is known (the semantic conventions' server span name).
        observation.span.setName(`${request.method} ${route}`);
        observation.span.setAttributes({ 'http.route': route, 'http.response.status_code': statusCode });
        if (statusCode >= 500) observation.span.fail(`HTTP ${statusCode}`);
        observation.span.end();
      }
      done();
    });
  },
  { name: 'request-telemetry' },
);

/** The tRPC context's view of the request's telemetry (see trpc/init.ts's observe middleware). */
export const telemetryForRequests =
  ({ metrics, tracing }: RequestTelemetryOptions) =>
  (request: FastifyRequest): RequestTelemetry | undefined => {
    const observation = request.telemetry;
    if (!observation) return undefined;
    return {
      procedure: async (call, run, outcome) => {
        observation.procedures.push(call.path);
        const startedAt = process.hrtime.bigint();
        const result = tracing
          ? await tracing.inSpan(
              `trpc ${call.path}`,
              { 'rpc.system': 'trpc', 'rpc.method': call.path, 'trpc.type': call.type },
              async (span) => {
                const value = await run();
                const code = outcome(value);
                span.setAttributes({ 'trpc.code': code });
                if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') span.fail(code);
                return value;
              },
            )
          : await run();
        metrics?.recordProcedureCall(call.path, call.type, outcome(result), secondsSince(startedAt));
        return result;
      },
      identify: ({ organizationId, adminId }) => {
        if (organizationId) observation.organizationId = organizationId;
        if (adminId) observation.adminId = adminId;
      },
    };
  };
