import type { Domain } from '@orgsphere/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';

import { benchReferenceRoute } from './plugins/bench-reference.js';
import { consoleRoutes } from './plugins/console.js';
import { corsHeaders } from './plugins/cors.js';
import { drainOnClose } from './plugins/drain-on-close.js';
import type { Metrics } from './observability/metrics.js';
import { lazyRequestLogger } from './observability/lazy-request-logger.js';
import { RequestLogController } from './observability/request-log-controller.js';
import { createRouteLabeler } from './observability/route-label.js';
import type { Tracing } from './observability/tracing.js';
import { healthRoutes } from './plugins/health.js';
import { metricsRoute, type MetricsAccess } from './plugins/metrics.js';
import { rejectAmbiguousAuthorization } from './plugins/reject-ambiguous-authorization.js';
import { responseHeaders } from './plugins/response-headers.js';
import { requestTelemetry, telemetryForRequests } from './plugins/request-telemetry.js';
import { rateLimit } from './plugins/rate-limit.js';
import { rateLimitKeyFor } from './plugins/rate-limit-key.js';
import { orgArchiveRoutes } from './plugins/org-archive.js';
import { restRoutes } from './plugins/rest.js';
import { trpcRoutes } from './plugins/trpc.js';
import { createAppProcedureHttp } from './procedure-http/app-procedure-http.js';
import { restRoutesOf } from './trpc/rest-routes.js';
import { appRouter } from './trpc/router.js';

export type AppOptions = {
  domain: Domain;
  isReady: () => Promise<boolean>;
  /** Allowed browser origins (exact, or patterns); empty means no cross-origin access. */
  corsOrigins: Array<string | RegExp>;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /** Requests per window and client IP (or API key), on every route but the probes. */
  rateLimit?: { max: number; windowMs: number };
  /** Shared rate-limit state for several instances; in process when absent. */
  redis?: Redis | undefined;
  /** How many reverse-proxy hops may set X-Forwarded-For. */
  trustProxyHops?: number;
  /** GET /metrics and request metrics when `metrics` is set; spans when `tracing` is (see observability/). */
  observability?: { metrics?: Metrics | undefined; tracing?: Tracing | undefined; metricsAccess?: MetricsAccess };
  /** Registers the bare reference route of `pnpm bench` (never in production use). */
  benchReferenceRoute?: boolean;
  /** The built console (apps/web/dist) to serve under /console; not served when absent. */
  consoleDir?: string | undefined;
};

const bodyLimitBytes = 64 * 1024;

/** Builds the HTTP app without listening, so tests can inject or listen on port 0. */
export const buildApp = async (options: AppOptions): Promise<FastifyInstance> => {
  // Metrics and logs label REST calls answered by the catch-all route with their known path.
  const routeLabel = createRouteLabeler(restRoutesOf(appRouter));
  const trustProxyHops = options.trustProxyHops ?? 0;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    // tRPC batching puts comma-joined procedure names in one path parameter.
    routerOptions: { maxParamLength: 5_000 },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // One "request completed" line per request, with route, ids and duration.
    logController: new RequestLogController(routeLabel),
    // The per-request child logger is made only when the request writes a line.
    ...(options.logger ? { childLoggerFactory: lazyRequestLogger } : {}),
    // Trust exactly as many proxy hops as configured, so clients cannot spoof their IP
    // (without hops, none: request.ip is then the socket's address, no header parsing).
    trustProxy: trustProxyHops > 0 ? (_address: string, hop: number) => hop < trustProxyHops : false,
  });

  // First, so its timer and span cover every other hook, rejections included.
  await app.register(requestTelemetry, { ...options.observability, routeLabel });
  // Security headers and x-request-id, before any hook that may answer early.
  await app.register(responseHeaders);
  await app.register(drainOnClose);
  await app.register(rejectAmbiguousAuthorization);
  await app.register(corsHeaders, { origins: options.corsOrigins });
  // The probes opt out by route (plugins/health.ts), so no other request pays for an allow-list check.
  await app.register(rateLimit, {
    max: options.rateLimit?.max ?? 600,
    windowMs: options.rateLimit?.windowMs ?? 60_000,
    keyFor: rateLimitKeyFor(options.domain),
    redis: options.redis ? { client: options.redis, nameSpace: 'orgsphere:rate:' } : undefined,
  });
  await app.register(healthRoutes, { isReady: options.isReady });
  const metrics = options.observability?.metrics;
  if (metrics) await app.register(metricsRoute, { metrics, access: options.observability?.metricsAccess ?? {} });
  const telemetryFor = telemetryForRequests(options.observability ?? {});
  if (options.benchReferenceRoute) await app.register(benchReferenceRoute);

  const reportError = (error: unknown, message: string) => app.log.error({ err: error }, message);
  const http = createAppProcedureHttp({ domain: options.domain, reportError, telemetryFor }, app.log);
  await app.register(trpcRoutes, { http });
  await app.register(restRoutes, { http, version: options.version ?? '0.1.0' });
  if (options.consoleDir) await app.register(consoleRoutes, { dir: options.consoleDir });
  await app.register(orgArchiveRoutes, { domain: options.domain });
  return app;
};
