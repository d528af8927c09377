import { availableParallelism, hostname } from 'node:os';

import {
  createDomain,
  createLoginThrottle,
  createMemoryAttemptCounter,
  createPasswordHasher,
  limitPasswordHasher,
  createTokenService,
  createOperatorTokenService,
  type Operator,
  defaultLoginThrottlePolicy,
  defaultInvitationPolicy,
  defaultSessionPolicy,
  owaspArgon2idCost,
  reconcileOrganizations,
  systemClock,
  type Domain,
  type DomainDeps,
  type InvitationMailer,
  type InvitationPolicy,
  type LoginThrottlePolicy,
  type PasswordHashCost,
  type PasswordHasher,
  type ReconcileOptions,
  type ReconcileReport,
  type SessionPolicy,
  type TokenConfig,
} from '@orgsphere/core';
import {
  cacheRepositories,
  createLivenessProbe,
  createMongoClient,
  livenessPingTimeoutMs,
  createRedisAttemptCounter,
  createRedisClient,
  createRedisInvalidationBus,
  onConnectionLoss,
  openRepositories,
  pingDatabase,
  type Repositories,
} from '@orgsphere/db';
import type { Redis } from 'ioredis';

import type { ServicesInstrumentation } from './observability/services-instrumentation.js';

export type ServicesConfig = {
  mongoUri: string;
  masterDbName: string;
  jwt: TokenConfig;
  sessionPolicy?: SessionPolicy;
  loginThrottle?: LoginThrottlePolicy;
  /** When set, throttling state (and rate limits) are shared by every instance through Redis. */
  redisUrl?: string | undefined;
  passwordHashCost?: PasswordHashCost;
  /** How long a deleted organization stays restorable (default 30 days). */
  deletionGracePeriodSeconds?: number;
  /** How long an old name keeps leading to a renamed organization (default 90 days). */
  oldNameRetentionSeconds?: number;
  /** Platform operators (email and argon2id hash); none by default. */
  operators?: readonly Operator[];
  /** Fault injection for tests: see DomainDeps.onStep. */
  onStep?: DomainDeps['onStep'];
  /** Fail calls after this long without a reachable database (default 3 s). */
  serverSelectionTimeoutMS?: number;
  /** TTL of the in-process metadata cache (default 5 s); 0 turns the cache off. */
  cacheTtlMs?: number;
  /** Pool bounds and connect timeout of the MongoDB driver (defaults in @orgsphere/db). */
  mongoPool?: { maxPoolSize?: number; minPoolSize?: number; connectTimeoutMS?: number };
  /** Invitation expiry, limits and accept links (defaults in core). */
  invitationPolicy?: InvitationPolicy;
  /** Sends invitation emails; without one the inviter gets the accept link. */
  mailer?: InvitationMailer | undefined;
  /** Told each accept link that no mailer sent (development logs it). */
  onUndeliveredLink?: DomainDeps['onUndeliveredLink'];
  /** Metrics and tracing hooks (see observability/); nothing is observed without them. */
  instrumentation?: ServicesInstrumentation;
};

export type Services = {
  domain: Domain;
  repositories: Repositories;
  /** The shared Redis connection, when REDIS_URL is configured. */
  redis: Redis | undefined;
  /** True when the database answers a ping within a second. */
  isReady: () => Promise<boolean>;
  /** Settles interrupted lifecycle operations and purges due deletions (see core's reconcileOrganizations). */
  reconcile: (options?: Partial<ReconcileOptions>) => Promise<ReconcileReport>;
  close: () => Promise<void>;
};

const readinessTimeoutMs = 1_000;
export const defaultStaleAfterMs = 30_000;
export const defaultCacheTtlMs = 5_000;
export const defaultDeletionGracePeriodSeconds = 30 * 86_400;
export const defaultOldNameRetentionSeconds = 90 * 86_400;
/** argon2 operations at once: one core stays free for the event loop (and the probes). */
const passwordHashConcurrency = Math.max(1, availableParallelism() - 1);

/** Wires MongoDB (and Redis) -> repositories -> domain. The only place the api touches the clients. */
export const createServices = async (config: ServicesConfig): Promise<Services> => {
  const client = createMongoClient({
    uri: config.mongoUri,
    ...(config.serverSelectionTimeoutMS === undefined
      ? {}
      : { serverSelectionTimeoutMS: config.serverSelectionTimeoutMS }),
    ...config.mongoPool,
  });
  config.instrumentation?.observeMongoClient?.(client);
  await client.connect();
  // Its own connection: it must answer while every connection of the main pool waits on slow work.
  const liveness = createLivenessProbe(
    createMongoClient({
      uri: config.mongoUri,
      maxPoolSize: 1,
      appName: 'orgsphere-liveness',
      serverSelectionTimeoutMS: livenessPingTimeoutMs,
    }),
    config.masterDbName,
    livenessPingTimeoutMs,
  );
  const redis = config.redisUrl ? createRedisClient(config.redisUrl) : undefined;
  try {
    const instanceId = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
    const stored = await openRepositories(client, config.masterDbName, { instanceId, isAlive: liveness.isAlive });
    // Hot reads come from memory; writes forget what they touched, other instances hear it over Redis.
    const cacheTtlMs = config.cacheTtlMs ?? defaultCacheTtlMs;
    const bus = redis && cacheTtlMs > 0 ? createRedisInvalidationBus(redis, instanceId) : undefined;
    const cached = cacheTtlMs > 0 ? cacheRepositories(stored, { ttlMs: cacheTtlMs, bus }) : undefined;
    if (cached) onConnectionLoss(client, () => cached.clear());
    const repositories: Repositories = cached ? { ...stored, ...cached } : stored;
    const wrapPasswordHasher = config.instrumentation?.wrapPasswordHasher ?? ((hasher: PasswordHasher) => hasher);
    const counter = redis ? createRedisAttemptCounter(redis) : createMemoryAttemptCounter();
    const deps: DomainDeps = {
      ...repositories,
      // Timed inside the limit, so the hash metric is argon2's own time, not the queue before it.
      passwords: limitPasswordHasher(
        wrapPasswordHasher(createPasswordHasher(config.passwordHashCost ?? owaspArgon2idCost)),
        passwordHashConcurrency,
      ),
      tokens: createTokenService(config.jwt),
      operators: config.operators ?? [],
      operatorTokens: createOperatorTokenService(config.jwt),
      loginThrottle: createLoginThrottle(counter, config.loginThrottle ?? defaultLoginThrottlePolicy),
      sessionPolicy: config.sessionPolicy ?? defaultSessionPolicy,
      clock: systemClock,
      tenantDatabaseName: config.masterDbName,
      invitationPolicy: config.invitationPolicy ?? defaultInvitationPolicy,
      mailer: config.mailer,
      onUndeliveredLink: config.onUndeliveredLink,
      deletionGracePeriodSeconds: config.deletionGracePeriodSeconds ?? defaultDeletionGracePeriodSeconds,
      oldNameRetentionSeconds: config.oldNameRetentionSeconds ?? defaultOldNameRetentionSeconds,
      ...(config.onStep ? { onStep: config.onStep } : {}),
    };
    const domain = createDomain(deps);
    return {
      domain,
      repositories,
      redis,
      isReady: () => pingDatabase(client, config.masterDbName, readinessTimeoutMs),
      reconcile: async (options) => {
        const report = await reconcileOrganizations(
          { ...repositories, clock: systemClock, instanceId, ...(config.onStep ? { onStep: config.onStep } : {}) },
          { staleAfterMs: defaultStaleAfterMs, ...options },
        );
        // Expired sessions and old names go with the same periodic sweep (no TTL indexes everywhere).
        if (report.ran) {
          await domain.purgeExpiredSessions();
          await domain.releaseExpiredOldNames();
        }
        return report;
      },
      close: async () => {
        await client.close();
        await liveness.close();
        bus?.close();
        redis?.disconnect();
      },
    };
  } catch (error) {
    await client.close();
    await liveness.close();
    redis?.disconnect();
    throw error;
  }
};
