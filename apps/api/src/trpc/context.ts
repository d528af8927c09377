import type { ClientInfo, Domain } from '@orgsphere/core';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';

/**
 * Built from core types only, so the router type the client package inlines
 * carries no Fastify or MongoDB types.
 */
export type Context = {
  domain: Domain;
  /** Bearer token from the Authorization header, if any. */
  token: string | null;
  client: ClientInfo;
  requestId: string | null;
  /** Logs a failure that must not fail the request (e.g. a lost audit write). */
  reportError: (error: unknown, message: string) => void;
  /** Metrics, tracing and log fields of the HTTP request; absent outside Fastify (callers in tests). */
  telemetry?: RequestTelemetry | undefined;
};

/** What a procedure reports about itself to the request's observability. */
export type RequestTelemetry = {
  /** Runs one procedure call inside its span and records its latency under `outcome(result)`. */
  procedure: <T>(
    call: { path: string; type: string },
    run: () => Promise<T>,
    outcome: (result: T) => string,
  ) => Promise<T>;
  /** The organization and admin the request acted for, once known (for the request's log line). */
  identify: (ids: { organizationId: string | null; adminId: string | null }) => void;
};

export type ContextDeps = {
  domain: Domain;
  reportError?: Context['reportError'];
  telemetryFor?: (request: CreateFastifyContextOptions['req']) => RequestTelemetry | undefined;
};

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/** Extracts the bearer token; anything else in Authorization counts as no token. */
export const readBearerToken = (authorization: string | string[] | undefined): string | null => {
  if (typeof authorization !== 'string') return null;
  return bearerPattern.exec(authorization)?.[1] ?? null;
};

export const createContextInner = (
  deps: ContextDeps,
  request: {
    token?: string | null;
    client?: ClientInfo;
    requestId?: string | null;
    telemetry?: RequestTelemetry | undefined;
  } = {},
): Context => ({
  domain: deps.domain,
  token: request.token ?? null,
  client: request.client ?? {},
  requestId: request.requestId ?? null,
  reportError: deps.reportError ?? (() => undefined),
  telemetry: request.telemetry,
});

export const createContextFactory =
  (deps: ContextDeps) =>
  ({ req }: Pick<CreateFastifyContextOptions, 'req'>): Context => {
    const userAgent = req.headers['user-agent'];
    return createContextInner(deps, {
      token: readBearerToken(req.headers.authorization),
      // Fastify's ip honours TRUST_PROXY_HOPS; the raw socket address is the fallback.
      client: { ip: req.ip, userAgent: typeof userAgent === 'string' ? userAgent : null },
      requestId: String(req.id),
      telemetry: deps.telemetryFor?.(req),
    });
  };
