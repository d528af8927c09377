import type { Env } from './env.js';
import type { ServicesConfig } from './services.js';
import { signingKeysFromEnv } from './signing-keys.js';

/** Turns the validated environment into the services' configuration. */
export const servicesConfigFromEnv = async (env: Env, mongoUri: string): Promise<ServicesConfig> => ({
  mongoUri,
  masterDbName: env.MASTER_DB_NAME,
  jwt: {
    keys: await signingKeysFromEnv(env),
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    expiresInSeconds: env.JWT_EXPIRES_IN,
  },
  sessionPolicy: { refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL, sessionMaxAgeSeconds: env.SESSION_MAX_AGE },
  loginThrottle: {
    maxAttemptsPerEmail: env.LOGIN_MAX_ATTEMPTS_PER_EMAIL,
    maxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
    windowMs: env.LOGIN_THROTTLE_WINDOW * 1000,
  },
  redisUrl: env.REDIS_URL,
  cacheTtlMs: env.CACHE_TTL_MS,
  serverSelectionTimeoutMS: env.MONGO_SERVER_SELECTION_TIMEOUT_MS,
  mongoPool: {
    maxPoolSize: env.MONGO_MAX_POOL_SIZE,
    minPoolSize: env.MONGO_MIN_POOL_SIZE,
    connectTimeoutMS: env.MONGO_CONNECT_TIMEOUT_MS,
  },
});
