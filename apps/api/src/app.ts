import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Domain } from '@orgsphere/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';

import { benchReferenceRoute } from './plugins/bench-reference.js';
import { drainOnClose } from './plugins/drain-on-close.js';
import type { Metrics } from './observability/metrics.js';
import { RequestLogController } from './observability/request-log-controller.js';
import { createRouteLabeler } from './observability/route-label.js';
import type { Tracing } from './observability/tracing.js';
import { healthRoutes } from './plugins/health.js';
import { metricsRoute, type MetricsAccess } from './plugins/metrics.js';
import { rejectAmbiguousAuthorization } from './plugins/reject-ambiguous-authorization.js';
import { requestTelemetry, telemetryForRequests } from './plugins/request-telemetry.js';
import { restRoutes } from './plugins/rest.js';
import { trpcRoutes } from './plugins/trpc.js';
import { restRoutesOf } from './trpc/rest-routes.js';
import { appRouter } from './trpc/router.js';

export type AppOptions = {
  domain: Domain;
  isReady: () => Promise<boolean>;
  /** Allowed browser origins; empty means no cross-origin access. */
  corsOrigins: string[];
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /** Requests per window and client IP, on every route but the probes. */
  rateLimit?: { max: number; windowMs: number };
  /** Shared rate-limit state for several instances; in process when absent. */
  redis?: Redis | undefined;
  /** How many reverse-proxy hops may set X-Forwarded-For. */
  trustProxyHops?: number;
  /** GET /metrics and request metrics when `metrics` is set; spans when `tracing` is (see observability/). */
  observability?: { metrics?: Metrics | undefined; tracing?: Tracing | undefined; metricsAccess?: MetricsAccess };
  /** Registers the bare reference route of `pnpm bench` (never in production use). */
  benchReferenceRoute?: boolean;
};

const bodyLimitBytes = 64 * 1024;
const probeRoutes = new Set(['/health', '/ready']);

/** Builds the HTTP app without listening, so tests can inject or listen on port 0. */
export const buildApp = async (options: AppOptions): Promise<FastifyInstance> => {
  // Metrics and logs label REST calls answered by the catch-all route with their known path.
  const routeLabel = createRouteLabeler(restRoutesOf(appRouter));
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    // tRPC batching puts comma-joined procedure names in one path parameter.
    routerOptions: { maxParamLength: 5_000 },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // One "request completed" line per request, with route, ids and duration.
    logController: new RequestLogController(routeLabel),
    // Trust exactly as many proxy hops as configured, so clients cannot spoof their IP.
    trustProxy: (_address: string, hop: number) => hop < (options.trustProxyHops ?? 0),
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // First, so its timer and span cover every other hook, rejections included.
  await app.register(requestTelemetry, { ...options.observability, routeLabel });
  await app.register(drainOnClose);
  await app.register(rejectAmbiguousAuthorization);
  // An API serves no HTML of its own except Swagger UI, which needs inline scripts and styles.
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  await app.register(cors, { origin: options.corsOrigins, credentials: false });
  await app.register(rateLimit, {
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.windowMs ?? 60_000,
    allowList: (request) => probeRoutes.has(request.url),
    ...(options.redis ? { redis: options.redis, nameSpace: 'orgsphere:rate:' } : {}),
  });
  await app.register(healthRoutes, { isReady: options.isReady });
  const metrics = options.observability?.metrics;
  if (metrics) await app.register(metricsRoute, { metrics, access: options.observability?.metricsAccess ?? {} });
  const telemetryFor = telemetryForRequests(options.observability ?? {});
  if (options.benchReferenceRoute) await app.register(benchReferenceRoute);

  const reportError = (error: unknown, message: string) => app.log.error({ err: error }, message);
  await app.register(trpcRoutes, { domain: options.domain, reportError, telemetryFor });
  await app.register(restRoutes, { domain: options.domain, reportError, telemetryFor, version: options.version ?? '0.1.0' });
  return app;
};
