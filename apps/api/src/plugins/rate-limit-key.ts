import { looksLikeApiKey, type Domain } from '@orgsphere/core';
import type { FastifyRequest } from 'fastify';

import { readBearerToken } from '../trpc/context.js';

/**
 * The rate-limit bucket of a request: its API key when it carries a valid one (so a key
 * is limited wherever it calls from), its client IP otherwise. A forged or revoked key
 * counts against its IP, so minting fake keys buys no fresh buckets. The lookup is the
 * same cached one authentication makes next.
 */
export const rateLimitKeyFor =
  (domain: Pick<Domain, 'authenticate'>) =>
  (request: FastifyRequest): string | Promise<string> => {
    const token = readBearerToken(request.headers.authorization);
    if (!token || !looksLikeApiKey(token)) return request.ip;
    return domain.authenticate(token).then(
      (principal) => (principal.apiKey ? `api-key:${principal.apiKey.id}` : request.ip),
      () => request.ip,
    );
  };
