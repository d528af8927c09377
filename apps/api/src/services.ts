import { availableParallelism, hostname } from 'node:os';

import {
  createDomain,
  createLastUsedRecorder,
  createSecretBox,
  defaultRetryPolicy,
  dispatchNextDelivery,
  relayPendingEvents,
  relayOrganizationEvents,
  retryScheduleSpanSeconds,
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
  type ApiKeyEnvironment,
  type Clock,
} from '@orgsphere/core';
import {
  cacheApiKeys,
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
import { createHttpSender } from './webhooks/http-sender.js';
import { createTargetPolicy } from './webhooks/target-policy.js';

export type WebhookSettings = {
  /** Seals endpoint secrets at rest (32 bytes, or a passphrase hashed to 32 bytes). */
  secretsKey: string | Buffer;
  /** Outside production: http:// and private/loopback targets are allowed. */
  allowPrivateTargets: boolean;
  timeoutMs: number;
  /** What one second of the retry schedule lasts (tests shrink it). */
  retryUnitMs: number;
  failureThreshold: number;
};

/** Development and test defaults; production configures its own key (env.ts requires it). */
export const developmentWebhookSettings: WebhookSettings = {
  secretsKey: 'orgsphere-development-webhook-secrets-key',
  allowPrivateTargets: true,
  timeoutMs: 10_000,
  retryUnitMs: 1_000,
  failureThreshold: 5,
};

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
  /** `osk_live_` keys in production, `osk_test_` elsewhere (default test). */
  apiKeyEnvironment?: ApiKeyEnvironment;
  /** How often recorded API key uses are written (default 60 s); also written on close. */
  apiKeyLastUsedFlushMs?: number;
  /** The domain's clock (tests pass one they move). */
  clock?: Clock;
  webhooks?: WebhookSettings;
  /** Told when this instance recorded webhook events or queued deliveries (the dispatcher's nudge). */
  onWebhookWork?: () => void;
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
  /** Writes the API key uses recorded in memory now (a timer does it every flush interval). */
  flushApiKeyUses: () => Promise<void>;
  close: () => Promise<void>;
  /** What the webhook dispatcher runs (see webhooks/dispatcher.ts). */
  webhooks: {
    relayPending: () => Promise<number>;
    dispatchNext: () => Promise<boolean>;
    nextDueAt: () => Promise<Date | null>;
  };
};

const readinessTimeoutMs = 1_000;
export const defaultStaleAfterMs = 30_000;
export const defaultCacheTtlMs = 5_000;
export const defaultApiKeyLastUsedFlushMs = 60_000;
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
    const cachedKeys = cacheTtlMs > 0 ? cacheApiKeys(stored.apiKeys, { ttlMs: cacheTtlMs, bus }) : undefined;
    if (cachedKeys) onConnectionLoss(client, () => cachedKeys.clear());
    const clock = config.clock ?? systemClock;
    const apiKeyUses = createLastUsedRecorder((uses) => stored.apiKeys.recordLastUsed(uses));
    const flushApiKeyUses = () => apiKeyUses.flush().catch(() => undefined);
    const flushTimer = setInterval(flushApiKeyUses, config.apiKeyLastUsedFlushMs ?? defaultApiKeyLastUsedFlushMs);
    flushTimer.unref();
    const merged: Repositories = {
      ...stored,
      ...(cached ?? {}),
      ...(cachedKeys ? { apiKeys: cachedKeys.apiKeys } : {}),
    };
    // The dispatcher's nudge: events just recorded here are relayed and sent without waiting for the poll.
    const repositories: Repositories = {
      ...merged,
      organizations: {
        ...merged.organizations,
        compareAndSet: async (id, version, changes, events) => {
          const result = await merged.organizations.compareAndSet(id, version, changes, events);
          if (result && events && events.length > 0) config.onWebhookWork?.();
          return result;
        },
      },
    };
    const webhookSettings = config.webhooks ?? developmentWebhookSettings;
    const secretBox = createSecretBox(webhookSettings.secretsKey);
    const webhookTargets = createTargetPolicy({ allowPrivate: webhookSettings.allowPrivateTargets });
    const relayDeps = { ...repositories, clock };
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
      clock,
      apiKeyEnvironment: config.apiKeyEnvironment ?? 'test',
      apiKeyUses,
      tenantDatabaseName: config.masterDbName,
      invitationPolicy: config.invitationPolicy ?? defaultInvitationPolicy,
      mailer: config.mailer,
      onUndeliveredLink: config.onUndeliveredLink,
      deletionGracePeriodSeconds: config.deletionGracePeriodSeconds ?? defaultDeletionGracePeriodSeconds,
      oldNameRetentionSeconds: config.oldNameRetentionSeconds ?? defaultOldNameRetentionSeconds,
      ...(config.onStep ? { onStep: config.onStep } : {}),
      secretBox,
      webhookTargets,
      onDeliveriesQueued: () => config.onWebhookWork?.(),
      relayWebhookEvents: (organizationId) => relayOrganizationEvents(relayDeps, organizationId),
      // After the last retry of its organization.deleted event could have run.
      retireWebhookEndpoints: (organizationId) =>
        repositories.webhookEndpoints.retireByOrganization(
          organizationId,
          new Date(Date.now() + retryScheduleSpanSeconds * webhookSettings.retryUnitMs),
        ),
    };
    const dispatchDeps = {
      ...repositories,
      webhookSender: createHttpSender({
        checkAddresses: webhookTargets.checkAddresses,
        timeoutMs: webhookSettings.timeoutMs,
      }),
      secretBox,
      clock,
      retryPolicy: { ...defaultRetryPolicy, unitMs: webhookSettings.retryUnitMs },
      failureThreshold: webhookSettings.failureThreshold,
      // Far beyond one attempt's deadline: while it lasts no other instance may send the delivery.
      leaseMs: webhookSettings.timeoutMs * 3 + 5_000,
      instanceId,
    };
    const domain = createDomain(deps);
    return {
      domain,
      repositories,
      redis,
      flushApiKeyUses: () => apiKeyUses.flush(),
      isReady: () => pingDatabase(client, config.masterDbName, readinessTimeoutMs),
      reconcile: async (options) => {
        const report = await reconcileOrganizations(
          {
            ...repositories,
            clock,
            instanceId,
            relayWebhookEvents: deps.relayWebhookEvents,
            retireWebhookEndpoints: deps.retireWebhookEndpoints,
            ...(config.onStep ? { onStep: config.onStep } : {}),
          },
          { staleAfterMs: defaultStaleAfterMs, ...options },
        );
        // Expired sessions, old names and retired webhook endpoints go with the same periodic sweep (no TTL indexes everywhere).
        if (report.ran) {
          await domain.purgeExpiredSessions();
          await domain.releaseExpiredOldNames();
          await repositories.webhookEndpoints.deleteRetired(clock.now());
          // Removed memberships whose member.removed was relayed but whose delete was interrupted.
          await repositories.memberships.deleteRelayedRemovals();
        }
        return report;
      },
      webhooks: {
        relayPending: () => relayPendingEvents(relayDeps),
        dispatchNext: () => dispatchNextDelivery(dispatchDeps),
        nextDueAt: () => repositories.webhookDeliveries.nextDueAt(),
      },
      close: async () => {
        clearInterval(flushTimer);
        // Last uses recorded since the last flush are written before the pool closes.
        await flushApiKeyUses();
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
