import cors from '@fastify/cors';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { allowedCorsOrigins } from './cors-origins.js';
import { loadEnv } from './env.js';

/** The preflight answer @fastify/cors gives for these origins, as a browser would ask. */
const allowedOriginOf = async (origins: Array<string | RegExp>, origin: string) => {
  const app = Fastify();
  await app.register(cors, { origin: origins, credentials: false });
  app.get('/org/get', () => ({}));
  const response = await app.inject({
    method: 'OPTIONS',
    url: '/org/get',
    headers: { origin, 'access-control-request-method': 'GET' },
  });
  await app.close();
  return response.headers['access-control-allow-origin'];
};

describe('allowedCorsOrigins', () => {
  it('lets local frontends in during development with the defaults', async () => {
    const origins = allowedCorsOrigins(loadEnv({}));
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost', 'http://[::1]:8080']) {
      expect(await allowedOriginOf(origins, origin)).toBe(origin);
    }
  });

  it('does not take look-alikes for local origins', async () => {
    const origins = allowedCorsOrigins(loadEnv({}));
    for (const origin of [
      'http://localhost.evil.test',
      'https://evil.test',
      'http://127.0.0.1.evil.test:5173',
      'http://evil.test/?http://localhost:5173',
    ]) {
      expect(await allowedOriginOf(origins, origin)).toBeUndefined();
    }
  });

  it('keeps the explicit list besides them in development', async () => {
    const origins = allowedCorsOrigins(loadEnv({ CORS_ORIGINS: 'https://app.example.test' }));
    expect(await allowedOriginOf(origins, 'https://app.example.test')).toBe('https://app.example.test');
    expect(await allowedOriginOf(origins, 'http://localhost:5173')).toBe('http://localhost:5173');
  });

  it('allows only the explicit list in production and test', async () => {
    const production = loadEnv({
      NODE_ENV: 'production',
      MONGO_URI: 'mongodb://db.internal:27017',
      JWT_SECRET: 'k3J9x!s8Qw2Zr7Lp0Vt4Yb6Nm1Hc5Gd9Fe3Aa7Ss0',
      WEBHOOK_SECRETS_KEY: 'Wq8s1Lp0Vt4Yb6Nm1Hc5Gd9Fe3Aa7Ss0k3J9x!s',
      CORS_ORIGINS: 'https://app.example.test',
    });
    for (const env of [production, loadEnv({ NODE_ENV: 'test', CORS_ORIGINS: 'https://app.example.test' })]) {
      const origins = allowedCorsOrigins(env);
      expect(await allowedOriginOf(origins, 'https://app.example.test')).toBe('https://app.example.test');
      expect(await allowedOriginOf(origins, 'http://localhost:5173')).toBeUndefined();
    }
  });
});
