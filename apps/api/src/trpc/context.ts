import type { Domain } from '@orgsphere/core';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';

/**
 * Built from core types only, so the router type the client package inlines
 * carries no Fastify or MongoDB types.
 */
export type Context = {
  domain: Domain;
  /** Bearer token from the Authorization header, if any. */
  token: string | null;
};

export type ContextDeps = { domain: Domain };

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/** Extracts the bearer token; anything else in Authorization counts as no token. */
export const readBearerToken = (authorization: string | string[] | undefined): string | null => {
  if (typeof authorization !== 'string') return null;
  return bearerPattern.exec(authorization)?.[1] ?? null;
};

export const createContextInner = (deps: ContextDeps, token: string | null = null): Context => ({
  domain: deps.domain,
  token,
});

export const createContextFactory =
  (deps: ContextDeps) =>
  ({ req }: Pick<CreateFastifyContextOptions, 'req'>): Context =>
    createContextInner(deps, readBearerToken(req.headers.authorization));
