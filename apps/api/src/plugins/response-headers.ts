import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The headers @fastify/helmet 13.2 (helmet 8) sets with `contentSecurityPolicy: false`: an
 * API serves no HTML of its own except Swagger UI, which needs inline scripts and styles.
 * Fixed values, because helmet builds its middleware again on every request; a test
 * (test/security/response-headers.test.ts) compares them with helmet's own output.
 */
export const securityHeaders: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

const securityHeaderEntries = Object.entries(securityHeaders);

/**
 * The security headers and the request id (the caller's x-request-id, or a generated
 * one) on every answer, set in one synchronous hook that runs first, so early
 * rejections (400, 429, 404) carry them too.
 */
export const responseHeaders = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', (request, reply, done) => {
      for (const [name, value] of securityHeaderEntries) reply.header(name, value);
      reply.header('x-request-id', request.id);
      done();
    });
  },
  { name: 'response-headers' },
);
