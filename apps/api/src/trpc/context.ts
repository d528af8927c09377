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
};

export type ContextDeps = { domain: Domain; reportError?: Context['reportError'] };

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/** Extracts the bearer token; anything else in Authorization counts as no token. */
export const readBearerToken = (authorization: string | string[] | undefined): string | null => {
  if (typeof authorization !== 'string') return null;
  return bearerPattern.exec(authorization)?.[1] ?? null;
};

export const createContextInner = (
  deps: ContextDeps,
  request: { token?: string | null; client?: ClientInfo; requestId?: string | null } = {},
): Context => ({
  domain: deps.domain,
  token: request.token ?? null,
  client: request.client ?? {},
  requestId: request.requestId ?? null,
  reportError: deps.reportError ?? (() => undefined),
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
    });
  };
