import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { varyAdder } from './vary.js';

export type CorsOptions = {
  /** Allowed browser origins, exact or patterns; `*` anywhere in the list allows any origin. */
  origins: ReadonlyArray<string | RegExp>;
};

/** The methods a preflight is told about: every method the REST face answers (PUT /org/update, DELETE /org/delete). */
export const corsPreflightMethods = 'GET,HEAD,POST,PUT,DELETE';

/**
 * Response headers a browser client on another origin needs to read (CORS hides all but a
 * few): when to retry after a 429, the request id to quote in a report, the rate-limit
 * budget, and where a created resource lives.
 */
export const corsExposedHeaders = [
  'Retry-After',
  'X-Request-Id',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Location',
] as const;
const exposedHeadersValue = corsExposedHeaders.join(', ');
const addOriginToVary = varyAdder('Origin');
const addRequestHeadersToVary = varyAdder('Access-Control-Request-Headers');

/**
 * CORS as @fastify/cors 11.x answered for `{ origin: origins, credentials: false,
 * exposedHeaders: corsExposedHeaders }`, which
 * this replaces on the hot path: that plugin copies its options, builds a resolver closure and
 * edits Vary through a cache on every request. Here a request without an Origin header costs
 * one header: `Vary: Origin`, which the Fetch standard asks for on every answer of a resource
 * whose Access-Control-Allow-Origin depends on the Origin (so caches keep the two apart).
 * Preflights (OPTIONS) are answered in the hook, before authentication and rate limits, as
 * before. test/security/cors.test.ts compares the answers with @fastify/cors's.
 */
export const corsHeaders = fp(
  async (app: FastifyInstance, { origins }: CorsOptions) => {
    const anyOrigin = origins.includes('*');
    const exact = new Set(origins.filter((origin): origin is string => typeof origin === 'string'));
    const patterns = origins.filter((origin): origin is RegExp => origin instanceof RegExp);
    const isAllowed = (origin: string) =>
      exact.has(origin) ||
      patterns.some((pattern) => {
        pattern.lastIndex = 0;
        return pattern.test(origin);
      });

    app.decorateRequest('corsPreflightEnabled', false);
    app.addHook('onRequest', (request, reply, done) => {
      const origin = request.headers.origin;
      if (anyOrigin) reply.header('access-control-allow-origin', '*');
      else {
        addOriginToVary(reply);
        if (origin !== undefined && isAllowed(origin)) reply.header('access-control-allow-origin', origin);
      }
      reply.header('access-control-expose-headers', exposedHeadersValue);
      if (request.raw.method !== 'OPTIONS') {
        done();
        return;
      }
      if (!origin || !request.headers['access-control-request-method']) {
        void reply.status(400).type('text/plain').send('Invalid Preflight Request');
        return;
      }
      request.corsPreflightEnabled = true;
      reply.header('access-control-allow-methods', corsPreflightMethods);
      addRequestHeadersToVary(reply);
      const requestedHeaders = request.headers['access-control-request-headers'];
      if (requestedHeaders !== undefined) reply.header('access-control-allow-headers', requestedHeaders);
      void reply.code(204).header('content-length', '0').send();
    });

    // Lets Fastify route OPTIONS on every path; the hook above has already answered them.
    app.options('*', { schema: { hide: true } }, (request, reply) => {
      if (!request.corsPreflightEnabled) {
        reply.callNotFound();
        return;
      }
      void reply.send();
    });
  },
  { name: 'cors-headers' },
);

declare module 'fastify' {
  interface FastifyRequest {
    corsPreflightEnabled: boolean;
  }
}
