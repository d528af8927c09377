import type { LocalMongo } from '@orgsphere/db/local-server';

const unlimited = '1000000000';

/**
 * The environment of an API process under a bench: production mode on `mongo`, its own master
 * database, fresh secrets, and the abuse limits raised out of the way (they would turn the load
 * into 429s; their own tests measure them). On the local FerretDB at 10,000 collections, reads
 * by _id under 10 concurrent requests took ~1 s with the default pool (10 ms one at a time); with
 * 2 connections they stay fast, so the pool is 2 there unless MONGO_MAX_POOL_SIZE says otherwise.
 */
export const benchApiEnv = (mongo: LocalMongo, masterDbName: string): Record<string, string> => ({
  NODE_ENV: 'production',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  MONGO_URI: mongo.uri,
  MASTER_DB_NAME: masterDbName,
  JWT_SECRET: `bench-${crypto.randomUUID()}-${crypto.randomUUID()}`,
  WEBHOOK_SECRETS_KEY: `bench-webhooks-${crypto.randomUUID()}`,
  ...(process.env.MONGO_MAX_POOL_SIZE || mongo.kind === 'ferretdb'
    ? { MONGO_MAX_POOL_SIZE: process.env.MONGO_MAX_POOL_SIZE ?? '2' }
    : {}),
  RATE_LIMIT_MAX: unlimited,
  LOGIN_MAX_ATTEMPTS_PER_EMAIL: unlimited,
  LOGIN_MAX_ATTEMPTS_PER_IP: unlimited,
});
