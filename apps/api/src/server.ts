import { fileURLToPath } from 'node:url';

import { LocalMongoUnavailableError, resolveMongo, type LocalMongo } from '@orgsphere/db/local-server';

import { buildApp } from './app.js';
import { servicesConfigFromEnv } from './config.js';
import { startReconciler } from './reconciler.js';
import { EnvError, loadEnv, type Env } from './env.js';
import { createServices } from './services.js';

/** `pnpm dev` keeps its local data here between runs (git-ignored). */
const localDataDir = fileURLToPath(new URL('../../../.data/local-mongo', import.meta.url));
const shutdownGraceMs = 10_000;

const prettyLogger = (env: Env) =>
  env.NODE_ENV === 'development'
    ? { level: env.LOG_LEVEL, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
    : { level: env.LOG_LEVEL };

/**
 * Starts the API. Without MONGO_URI (outside production) it provisions the local
 * MongoDB-compatible server first, so `pnpm dev` needs nothing else.
 */
const main = async () => {
  const env = loadEnv();
  const mongo: LocalMongo = await resolveMongo({
    ...(env.MONGO_URI ? { mongoUri: env.MONGO_URI } : {}),
    dataDir: localDataDir,
    log: (line) => console.error(`[local-db] ${line}`),
  });
  const services = await createServices(await servicesConfigFromEnv(env, mongo.uri));
  const app = await buildApp({
    domain: services.domain,
    isReady: services.isReady,
    corsOrigins: env.CORS_ORIGINS,
    logger: prettyLogger(env),
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW * 1000 },
    redis: services.redis,
    trustProxyHops: env.TRUST_PROXY_HOPS,
  });

  const reconciler = startReconciler({
    reconcile: () => services.reconcile(),
    intervalMs: env.RECONCILE_INTERVAL * 1000,
    log: app.log,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), shutdownGraceMs);
    force.unref();
    await app.close();
    await reconciler.stop();
    await services.close();
    await mongo.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ host: env.HOST, port: env.PORT });
  app.log.info(`OrgSphere API on ${address} (REST docs at ${address}/docs, database ${mongo.kind})`);
  if (mongo.kind !== 'external') app.log.info(`local database: MONGO_URI=${mongo.uri}`);
};

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof LocalMongoUnavailableError) {
    console.error(error.message);
  } else {
    console.error('OrgSphere failed to start:', error);
  }
  process.exit(1);
});
