import { isIP } from 'node:net';

import { z } from 'zod';

import { findEnvFile, withEnvFile } from './env-file.js';
import { legacyVariableWarnings } from './legacy-variables.js';

/** Any of these would let anyone who read our docs forge tokens. */
const knownDefaultSecrets = new Set(['change-me', 'changeme', 'secret', 'dev-secret', 'development-secret-change-me']);
export const developmentJwtSecret = 'development-secret-change-me';
const minSecretLength = 32;

const durationPattern = /^(\d+)\s*(s|m|h|d)?$/;
const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "900", "900s", "15m", "12h", "1d" -> seconds. */
export const parseDurationSeconds = (text: string): number | undefined => {
  const match = durationPattern.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * unitSeconds[(match[2] ?? 's') as keyof typeof unitSeconds];
  return seconds > 0 ? seconds : undefined;
};

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const seconds = parseDurationSeconds(text);
      if (seconds === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 900, 900s, 15m, 12h or 1d' });
        return z.NEVER;
      }
      return seconds;
    });

/** Unset and empty mean the same (manifests list every variable, some left empty). */
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUnset, schema.optional());

const commaList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(8000),
    MONGO_URI: optionalText(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')),
    MASTER_DB_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, "_" or "-"')
      .default('orgsphere_master'),
    // Empty counts as unset: in development the documented default applies, production refuses it.
    JWT_SECRET: z.preprocess(emptyAsUnset, z.string().default(developmentJwtSecret)),
    /** Optional explicit key id for JWT_SECRET; by default one is derived from it. */
    JWT_KEY_ID: optionalText(z.string().regex(/^[\w.-]{1,64}$/)),
    /** Comma-separated earlier secrets (or id:secret pairs): they still verify, never sign. */
    JWT_PREVIOUS_SECRETS: commaList,
    JWT_EXPIRES_IN: duration('15m'),
    REFRESH_TOKEN_TTL: duration('7d'),
    SESSION_MAX_AGE: duration('30d'),
    REDIS_URL: optionalText(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')),
    RATE_LIMIT_MAX: z.coerce.number().int().positive().default(600),
    RATE_LIMIT_WINDOW: duration('1m'),
    LOGIN_MAX_ATTEMPTS_PER_EMAIL: z.coerce.number().int().positive().default(10),
    LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(100),
    LOGIN_THROTTLE_WINDOW: duration('15m'),
    /** Trust X-Forwarded-For from this many proxy hops (0: use the socket address). */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** How often interrupted organization operations are looked for and settled. */
    RECONCILE_INTERVAL: duration('30s'),
    /** An operation untouched this long counts as interrupted (it would have taken milliseconds). */
    RECONCILE_STALE_AFTER: duration('30s'),
    /** How often API key last-use times are written (at most one write per key per interval). */
    API_KEY_LAST_USED_FLUSH_INTERVAL: duration('60s'),
    /** How long a deleted organization can be restored before the reconciler purges its data. */
    ORG_DELETION_GRACE_PERIOD: duration('30d'),
    /** How long an old name keeps leading to a renamed organization and stays reserved for it. */
    ORG_OLD_NAME_RETENTION: duration('90d'),
    /**
     * Platform operators, `email=argon2id-hash` separated by `;` (hashes contain commas);
     * `pnpm --filter @orgsphere/api operator-hash` prints a hash. Empty: no operators.
     */
    OPERATORS: z
      .string()
      .default('')
      .transform((text, ctx) => {
        const operators = text
          .split(';')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .map((entry) => {
            const at = entry.indexOf('=');
            return { email: entry.slice(0, at).trim().toLowerCase(), passwordHash: entry.slice(at + 1).trim() };
          });
        if (operators.some(({ email, passwordHash }) => !email.includes('@') || !passwordHash.startsWith('$argon2'))) {
          ctx.addIssue({ code: 'custom', message: 'must be email=argon2-hash entries separated by ";"' });
          return z.NEVER;
        }
        return operators;
      }),
    JWT_ISSUER: z.string().min(1).default('orgsphere'),
    JWT_AUDIENCE: z.string().min(1).default('orgsphere-api'),
    CORS_ORIGINS: commaList,
    /** In-process metadata cache: how stale another instance's change may be here without Redis (0 turns it off). */
    CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Connections per instance to each MongoDB server; size it so instances x pool stays under the server's limit. */
    MONGO_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
    MONGO_MIN_POOL_SIZE: z.coerce.number().int().min(0).max(1_000).default(0),
    /** How long an operation waits for a reachable server (primary) before failing with 503. */
    MONGO_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3_000),
    MONGO_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    /** Bearer token required by GET /metrics (unset: no token needed). */
    METRICS_TOKEN: optionalText(z.string().min(16, 'must be at least 16 characters')),
    /** Comma-separated client IPs or IPv4 CIDRs allowed to read /metrics (empty: any). */
    METRICS_ALLOW_IPS: commaList.refine(
      (entries) =>
        entries.every((entry) => {
          const [address = '', prefix, extra] = entry.split('/');
          const family = isIP(address);
          const bits = family === 6 ? 128 : 32;
          return (
            family !== 0 &&
            extra === undefined &&
            (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits))
          );
        }),
      'must be comma-separated IP addresses or CIDRs such as 10.0.0.0/8',
    ),
    /** Standard OpenTelemetry switches; tracing stays off (nothing loaded) unless an exporter is chosen. */
    OTEL_SDK_DISABLED: z
      .enum(['true', 'false', ''])
      .default('false')
      .transform((flag) => flag === 'true'),
    OTEL_TRACES_EXPORTER: optionalText(z.enum(['otlp', 'console', 'none'])),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalText(z.url()),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText(z.url()),
    OTEL_SERVICE_NAME: z.string().min(1).default('orgsphere-api'),
    /** How long an invitation (or a re-sent one) can be accepted. */
    INVITATION_TTL: duration('7d'),
    MAX_MEMBERS_PER_ORG: z.coerce.number().int().positive().default(1_000),
    MAX_PENDING_INVITATIONS_PER_ORG: z.coerce.number().int().positive().default(100),
    /** SMTP server for invitation emails (smtp:// or smtps://, credentials in the URL); unset: links are returned instead. */
    SMTP_URL: optionalText(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')),
    /** Sender of invitation emails. */
    SMTP_FROM: z.string().min(3).default('OrgSphere <no-reply@orgsphere.invalid>'),
    /** Where people open accept links: `${PUBLIC_APP_URL}/invitations/accept?token=...`. */
    PUBLIC_APP_URL: z.url().default('http://127.0.0.1:8000'),
    /** The built console (`apps/web/dist`) to serve under /console; unset: no console. */
    CONSOLE_DIR: optionalText(z.string().min(1)),
    /**
     * Key sealing webhook endpoint secrets at rest (AES-256-GCM): 32 bytes in base64, or a passphrase of
     * at least 32 characters. Required in production; a fixed development key otherwise.
     */
    WEBHOOK_SECRETS_KEY: optionalText(
      z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)'),
    ),
    /** Deadline of one webhook request, connection to last header. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** How often each instance looks for due webhook deliveries (it is also woken by its own events). */
    WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(300_000).default(5_000),
    /** What one second of the retry schedule lasts; lower only in tests. */
    WEBHOOK_RETRY_UNIT_MS: z.coerce.number().int().min(1).max(1_000).default(1_000),
    /** Failed attempts in a row after which an endpoint is marked failing. */
    WEBHOOK_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(1_000).default(5),
    /** `off`: this instance serves requests but sends no webhooks (others, or a worker, do). */
    WEBHOOK_DISPATCHER: z.enum(['on', 'off']).default('on'),
    /** Deliveries one instance attempts at once. */
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** `pnpm bench` only: adds GET /__bench/reference, the bare-Fastify ceiling measured in the same process. */
    BENCH_REFERENCE_ROUTE: z
      .enum(['0', '1'])
      .default('0')
      .transform((flag) => flag === '1'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_SECRET.length < minSecretLength || knownDefaultSecrets.has(env.JWT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: `must be set to a random value of at least ${minSecretLength} characters in production (e.g. openssl rand -base64 48)`,
      });
    }
    if (env.JWT_PREVIOUS_SECRETS.some((entry) => entry.slice(entry.indexOf(':') + 1).length < minSecretLength)) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_PREVIOUS_SECRETS'],
        message: `each secret must be at least ${minSecretLength} characters`,
      });
    }
    if (env.CORS_ORIGINS.includes('*')) {
      ctx.addIssue({
        code: 'custom',
        path: ['CORS_ORIGINS'],
        message: 'must list explicit origins in production, not *',
      });
    }
    if (!env.MONGO_URI) {
      ctx.addIssue({ code: 'custom', path: ['MONGO_URI'], message: 'is required in production' });
    }
    if (!env.WEBHOOK_SECRETS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRETS_KEY'],
        message: 'is required in production (e.g. openssl rand -base64 32); it seals webhook secrets at rest',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** The only reader of process.env; fails with one readable line per problem. */
export const loadEnv = (source: NodeJS.ProcessEnv = process.env): Env => {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
};

/** What start-up read: the settings, the `.env` file used (if any) and warnings to print. */
export type StartupEnv = { env: Env; envFile: string | undefined; warnings: string[] };

/**
 * The settings of `pnpm dev` / `pnpm start`: the shell's variables over the root `.env`
 * (or ORGSPHERE_ENV_FILE), plus a warning for each variable of the original service.
 */
export const loadStartupEnv = (shell: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): StartupEnv => {
  const envFile = findEnvFile(shell.ORGSPHERE_ENV_FILE, cwd);
  const merged = envFile ? withEnvFile(shell, envFile) : shell;
  const warnings = legacyVariableWarnings(merged);
  try {
    return { env: loadEnv(merged), envFile, warnings };
  } catch (error) {
    if (error instanceof EnvError && envFile)
      throw new EnvError(`${error.message}
  (settings read from the shell and ${envFile})`);
    throw error;
  }
};

/** Set by the `dev` script: a failed start must end the watcher too, not leave it waiting. */
export const runsUnderDevWatcher = (source: NodeJS.ProcessEnv = process.env): boolean =>
  source.ORGSPHERE_DEV_WATCH === '1';
