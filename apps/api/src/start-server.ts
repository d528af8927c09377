import { fileURLToPath } from 'node:url';

import { resolveMongo, type LocalMongo } from '@orgsphere/db/local-server';

import { buildApp } from './app.js';
import { servicesConfigFromEnv } from './config.js';
import type { Env } from './env.js';
import { loggerOptions } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { registerOrganizationGauges } from './observability/organization-gauges.js';
import { servicesInstrumentation } from './observability/services-instrumentation.js';
import { startTracing } from './observability/tracing.js';
import { startReconciler } from './reconciler.js';
import { createServices, type ServicesConfig } from './services.js';

/** `pnpm dev` keeps its local data here between runs (git-ignored). */
const localDataDir = fileURLToPath(new URL('../../../.data/local-mongo', import.meta.url));
const shutdownGraceMs = 10_000;

export type StartOptions = Pick<ServicesConfig, 'onStep'>;

/**
 * Starts the API and stops it cleanly on SIGTERM/SIGINT: no new connections,
 * in-flight requests finish (bounded), then the reconciler, the pools and the
 * local database stop. Without MONGO_URI (outside production) the local
 * MongoDB-compatible server is provisioned first, so `pnpm dev` needs nothing else.
 */
export const startServer = async (env: Env, options: StartOptions = {}) => {
  const mongo: LocalMongo = await resolveMongo({
    ...(env.MONGO_URI ? { mongoUri: env.MONGO_URI } : {}),
    dataDir: localDataDir,
    log: (line) => console.error(`[local-db] ${line}`),
  });
  const metrics = createMetrics();
  // Undefined unless OTEL_* asks for traces; the SDK is not even loaded then.
  const tracing = await startTracing(env);
  const services = await createServices({
    ...(await servicesConfigFromEnv(env, mongo.uri)),
    instrumentation: servicesInstrumentation({ metrics, tracing }),
    ...options,
  });
  registerOrganizationGauges(metrics, services.repositories.organizations, { staleAfterMs: env.RECONCILE_STALE_AFTER * 1000 });
  const app = await buildApp({
    domain: services.domain,
    isReady: services.isReady,
    corsOrigins: env.CORS_ORIGINS,
    logger: loggerOptions(env),
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW * 1000 },
    redis: services.redis,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    observability: { metrics, tracing, metricsAccess: { token: env.METRICS_TOKEN, allowIps: env.METRICS_ALLOW_IPS } },
    benchReferenceRoute: env.BENCH_REFERENCE_ROUTE,
  });
  const reconciler = startReconciler({
    reconcile: () => services.reconcile({ staleAfterMs: env.RECONCILE_STALE_AFTER * 1000 }),
    intervalMs: env.RECONCILE_INTERVAL * 1000,
    log: app.log,
  });

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      setTimeout(() => process.exit(1), shutdownGraceMs).unref();
      await app.close();
      await reconciler.stop();
      await services.close();
      await tracing?.shutdown();
      await mongo.stop();
    })());
  process.once('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)));
  process.once('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)));

  const address = await app.listen({ host: env.HOST, port: env.PORT });
  app.log.info({ address }, `OrgSphere API on ${address} (REST docs at ${address}/docs, database ${mongo.kind})`);
  if (mongo.kind !== 'external') app.log.info(`local database: MONGO_URI=${mongo.uri}`);
  return { app, services, address, stop };
};
