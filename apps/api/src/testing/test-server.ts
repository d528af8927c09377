import { randomUUID } from 'node:crypto';

import type { TokenConfig } from '@orgsphere/core';
import { MongoClient, type Db } from 'mongodb';

import { buildApp, type AppOptions } from '../app.js';
import { createServices, type Services, type ServicesConfig } from '../services.js';

/** Cheap argon2id so suites stay fast; production uses the OWASP baseline. */
export const testPasswordHashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

export const testJwt: TokenConfig = {
  keys: [{ id: 'test-key', secret: 'test-secret-0123456789-0123456789-abcdef' }],
  issuer: 'orgsphere',
  audience: 'orgsphere-api',
  expiresInSeconds: 900,
};

export type TestServer = {
  url: string;
  services: Services;
  /** Direct access to the master database, for checking what really got stored. */
  db: Db;
  masterDbName: string;
  close: () => Promise<void>;
};

/**
 * A real API listening on a free loopback port, on its own fresh database of the
 * given MongoDB server, dropped again by close().
 */
export const startTestServer = async (
  mongoUri: string,
  options: Partial<
    Pick<
      ServicesConfig,
      | 'onStep'
      | 'serverSelectionTimeoutMS'
      | 'loginThrottle'
      | 'redisUrl'
      | 'jwt'
      | 'instrumentation'
      | 'invitationPolicy'
      | 'mailer'
      | 'clock'
      | 'apiKeyLastUsedFlushMs'
      | 'cacheTtlMs'
      | 'deletionGracePeriodSeconds'
      | 'oldNameRetentionSeconds'
      | 'operators'
    >
  > &
    Pick<AppOptions, 'rateLimit' | 'logger' | 'observability' | 'consoleDir'> & {
      /** An existing database to open (e.g. one an older release wrote); by default a fresh one. */
      masterDbName?: string;
    } = {},
): Promise<TestServer> => {
  const masterDbName = options.masterDbName ?? `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const services = await createServices({
    mongoUri,
    masterDbName,
    passwordHashCost: testPasswordHashCost,
    loginThrottle: { maxAttemptsPerEmail: 1_000, maxAttemptsPerIp: 100_000, windowMs: 60_000 },
    ...options,
    jwt: options.jwt ?? testJwt,
  });
  const app = await buildApp({
    domain: services.domain,
    isReady: services.isReady,
    corsOrigins: ['http://allowed.test'],
    redis: services.redis,
    // Suites fire many requests from one address; limits get their own tests.
    rateLimit: options.rateLimit ?? { max: 100_000, windowMs: 60_000 },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.observability ? { observability: options.observability } : {}),
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const inspector = new MongoClient(mongoUri);
  await inspector.connect();
  const db = inspector.db(masterDbName);

  return {
    url: address,
    services,
    db,
    masterDbName,
    close: async () => {
      await app.close();
      await services.close();
      await db.dropDatabase().catch(() => undefined);
      await inspector.close();
    },
  };
};
