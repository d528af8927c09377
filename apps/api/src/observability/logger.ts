import type { FastifyServerOptions } from 'fastify';

import type { Env } from '../env.js';

const secretKeys = [
  'password',
  'new_password',
  'newPassword',
  'passwordHash',
  'password_hash',
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'authorization',
  'cookie',
  'secret',
  'JWT_SECRET',
  'JWT_PREVIOUS_SECRETS',
  'METRICS_TOKEN',
];

/**
 * Nothing we log on purpose carries a secret (bodies and headers are never logged);
 * these paths are the net under that, for any object someone logs later.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...secretKeys,
  ...secretKeys.map((key) => `*.${key}`),
  ...secretKeys.map((key) => `*.*.${key}`),
];

type RequestLike = { method?: string; url?: string; id?: unknown; ip?: string };

/** Method and path only, never headers: query strings hold organization names. */
const serializeRequest = (request: RequestLike) => ({
  method: request.method,
  // Tolerates a plain object logged under `req` by someone else.
  url: typeof request.url === 'string' ? request.url.split('?', 1)[0] : undefined,
  requestId: request.id,
  remoteAddress: request.ip,
});

/**
 * JSON lines (pino) in test and production, pretty lines in `pnpm dev`. Each request
 * logs one "request completed" line (see plugins/request-log.ts).
 */
export const loggerOptions = (env: Pick<Env, 'NODE_ENV' | 'LOG_LEVEL'>) => {
  const base = {
    level: env.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: { req: serializeRequest },
  } satisfies FastifyServerOptions['logger'];
  return env.NODE_ENV === 'development'
    ? { ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
    : base;
};
