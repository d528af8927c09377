import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  onRequestHookHandler,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';

import { rateLimitExceeded } from './rate-limit-exceeded.js';
import { createRedisStore } from './rate-limit-redis-store.js';
import { createLocalStore, type WindowCount } from './rate-limit-store.js';

export type RateLimitOptions = {
  /** Requests per window and key. */
  max: number;
  /** Fixed windows, each starting at a key's first request. */
  windowMs: number;
  /** The bucket of a request; a promise only when it must look something up (an API key). */
  keyFor: (request: FastifyRequest) => string | Promise<string>;
  /** Counts shared by every instance through Redis, under `nameSpace` + key; in process when absent. */
  redis?: { client: Redis; nameSpace: string } | undefined;
};

/** How often a failing store is reported while it keeps failing. */
const failureLogIntervalMs = 30_000;

const checkWholeNumber = (name: string, value: number) => {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`rate limit: ${name} must be a whole number >= 0`);
};

/**
 * The answers of @fastify/rate-limit 11.2 as the app registered it (max, timeWindow,
 * keyGenerator, optional Redis with a nameSpace), at the cost of one synchronous hook per
 * limited request: that plugin's hook awaits the key, a promise around its store and itself,
 * and reads `request.routeOptions` every time. Routes opt out with `config.rateLimit: false`,
 * decided once per route. Every limited answer carries x-ratelimit-limit, -remaining and
 * -reset (whole seconds left, rounded up); past the limit, retry-after too and the plugin's
 * 429 error, answered by the route's error handler. While the shared store (Redis) fails, requests
 * are served uncounted and without the headers, and a warning is logged at most every
 * `failureLogIntervalMs`: that plugin (skipOnError off) turned a Redis outage into a 500 on every
 * request, with ioredis's own message on the tRPC routes.
 * test/security/rate-limit.test.ts compares the answers with the plugin's (a pinned devDependency).
 */
export const rateLimit = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    const { max, windowMs, keyFor } = options;
    checkWholeNumber('max', max);
    checkWholeNumber('windowMs', windowMs);
    const store = options.redis
      ? createRedisStore(options.redis.client, options.redis.nameSpace, windowMs)
      : createLocalStore(windowMs);

    const answer = (counted: WindowCount, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const resetSeconds = Math.ceil(counted.ttlMs / 1000);
      reply.header('x-ratelimit-limit', max);
      if (counted.count <= max) {
        reply.header('x-ratelimit-remaining', max - counted.count);
        reply.header('x-ratelimit-reset', resetSeconds);
        done();
        return;
      }
      reply.header('x-ratelimit-remaining', 0);
      reply.header('x-ratelimit-reset', resetSeconds);
      reply.header('retry-after', resetSeconds);
      done(rateLimitExceeded(resetSeconds));
    };

    let lastFailureLoggedAt = -Infinity;
    /** Availability over enforcement: the limit guards against abuse, an outage of its store is not abuse. */
    const serveUncounted = (error: unknown, request: FastifyRequest, done: HookHandlerDoneFunction) => {
      const now = Date.now();
      if (now - lastFailureLoggedAt >= failureLogIntervalMs) {
        lastFailureLoggedAt = now;
        request.log.warn({ err: error }, 'rate limit store unavailable: requests are served uncounted');
      }
      done();
    };

    const countAndAnswer = (
      key: string,
      request: FastifyRequest,
      reply: FastifyReply,
      done: HookHandlerDoneFunction,
    ) => {
      let counted: ReturnType<typeof store.increment>;
      try {
        counted = store.increment(key);
      } catch (error) {
        // Also when called from a promise callback, where a throw would leave the request hanging.
        serveUncounted(error, request, done);
        return;
      }
      if (counted instanceof Promise)
        counted.then(
          (shared) => answer(shared, reply, done),
          (error: unknown) => serveUncounted(error, request, done),
        );
      else answer(counted, reply, done);
    };

    const limit: onRequestHookHandler = (request, reply, done) => {
      const key = keyFor(request);
      if (typeof key === 'string') countAndAnswer(key, request, reply, done);
      else key.then((looked) => countAndAnswer(looked, request, reply, done), done);
    };

    app.addHook('onRoute', (route: RouteOptions) => {
      const setting = (route.config as { rateLimit?: unknown } | undefined)?.rateLimit;
      if (setting === false) return;
      if (setting != null) throw new Error(`${route.url}: config.rateLimit may only be false (no per-route limits)`);
      // A new array, not a push: the HEAD twin of a GET route is made from the original options
      // (sharing their array) and gets its own hook from its own onRoute call.
      const hooks = route.onRequest === undefined ? [] : [route.onRequest].flat();
      route.onRequest = [...hooks, limit];
    });
  },
  { name: 'rate-limit' },
);
