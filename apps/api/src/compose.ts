import { buildApp } from './app.js';
import { allowedCorsOrigins } from './cors-origins.js';
import type { Env } from './env.js';
import { loggerOptions } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { registerOrganizationGauges } from './observability/organization-gauges.js';
import { servicesInstrumentation } from './observability/services-instrumentation.js';
import { startTracing } from './observability/tracing.js';
import { startReconciler } from './reconciler.js';
import { startWebhookDispatcher, type WebhookDispatcher } from './webhooks/dispatcher.js';
import { createSmtpMailer } from './invitations/smtp-mailer.js';
import { undeliveredLinkLog } from './invitations/undelivered-link-log.js';
import { createServices, developmentWebhookSettings, type ServicesConfig } from './services.js';
import { signingKeysFromEnv } from './signing-keys.js';

export type ComposeOptions = {
  /** The database to use: MONGO_URI, or the local server the development entry provisioned. */
  mongoUri: string;
  /** Fault injection for tests: see core's StepHook. */
  onStep?: ServicesConfig['onStep'];
};

export type ComposedApi = Awaited<ReturnType<typeof composeApi>>;

/**
 * The composition root: environment -> MongoDB/Redis -> repositories -> domain -> HTTP app,
 * with metrics, tracing and the lifecycle reconciler around them. Nothing listens here;
 * the entry points (server.ts, dev.ts) do that through start-server.ts.
 */
export const composeApi = async (env: Env, options: ComposeOptions) => {
  const metrics = createMetrics();
  // Undefined unless OTEL_* asks for traces; the SDK is not even loaded then.
  const tracing = await startTracing(env);
  const mailer = env.SMTP_URL ? createSmtpMailer({ url: env.SMTP_URL, from: env.SMTP_FROM }) : undefined;
  // The app's logger exists only once the services do: the hook reads it at call time.
  const undelivered: { log?: ((link: string, email: string) => void) | undefined } = {};
  // The dispatcher starts after the app exists (it logs through it); events recorded before only wait for its first round.
  let dispatcher: WebhookDispatcher | undefined;
  const services = await createServices({
    ...(await servicesConfigFromEnv(env, options.mongoUri)),
    instrumentation: servicesInstrumentation({ metrics, tracing }),
    ...(options.onStep ? { onStep: options.onStep } : {}),
    mailer,
    onUndeliveredLink: (link, invitation) => undelivered.log?.(link, invitation.email),
    onWebhookWork: () => dispatcher?.nudge(),
  });
  const staleAfterMs = env.RECONCILE_STALE_AFTER * 1000;
  registerOrganizationGauges(metrics, services.repositories.organizations, { staleAfterMs });
  const app = await buildApp({
    domain: services.domain,
    isReady: services.isReady,
    corsOrigins: allowedCorsOrigins(env),
    logger: loggerOptions(env),
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW * 1000 },
    redis: services.redis,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    observability: { metrics, tracing, metricsAccess: { token: env.METRICS_TOKEN, allowIps: env.METRICS_ALLOW_IPS } },
    benchReferenceRoute: env.BENCH_REFERENCE_ROUTE,
    consoleDir: env.CONSOLE_DIR,
  });
  undelivered.log = undeliveredLinkLog(env, app.log);
  const reconciler = startReconciler({
    reconcile: () => services.reconcile({ staleAfterMs }),
    intervalMs: env.RECONCILE_INTERVAL * 1000,
    log: app.log,
  });
  if (env.WEBHOOK_DISPATCHER === 'on')
    dispatcher = startWebhookDispatcher({
      ...services.webhooks,
      pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
      concurrency: env.WEBHOOK_CONCURRENCY,
      log: app.log,
    });
  return {
    app,
    services,
    /** In dependency order: no new requests, then no background work, then the clients. */
    close: async () => {
      await app.close();
      await reconciler.stop();
      await dispatcher?.stop();
      await services.close();
      mailer?.close();
      await tracing?.shutdown();
    },
  };
};

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
  invitationPolicy: {
    ttlSeconds: env.INVITATION_TTL,
    maxMembersPerOrganization: env.MAX_MEMBERS_PER_ORG,
    maxPendingPerOrganization: env.MAX_PENDING_INVITATIONS_PER_ORG,
    acceptLink: (token) =>
      `${env.PUBLIC_APP_URL.replace(/\/+$/, '')}/invitations/accept?token=${encodeURIComponent(token)}`,
  },
  deletionGracePeriodSeconds: env.ORG_DELETION_GRACE_PERIOD,
  oldNameRetentionSeconds: env.ORG_OLD_NAME_RETENTION,
  operators: env.OPERATORS,
  cacheTtlMs: env.CACHE_TTL_MS,
  apiKeyEnvironment: env.NODE_ENV === 'production' ? 'live' : 'test',
  apiKeyLastUsedFlushMs: env.API_KEY_LAST_USED_FLUSH_INTERVAL * 1000,
  webhooks: {
    secretsKey: env.WEBHOOK_SECRETS_KEY ?? developmentWebhookSettings.secretsKey,
    allowPrivateTargets: env.NODE_ENV !== 'production',
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retryUnitMs: env.WEBHOOK_RETRY_UNIT_MS,
    failureThreshold: env.WEBHOOK_FAILURE_THRESHOLD,
  },
  serverSelectionTimeoutMS: env.MONGO_SERVER_SELECTION_TIMEOUT_MS,
  mongoPool: {
    maxPoolSize: env.MONGO_MAX_POOL_SIZE,
    minPoolSize: env.MONGO_MIN_POOL_SIZE,
    connectTimeoutMS: env.MONGO_CONNECT_TIMEOUT_MS,
  },
});
