import type { Redis } from 'ioredis';

import type { CacheInvalidation, CacheInvalidationBus } from '../caching/cache-invalidation.js';

const channel = 'orgsphere:cache-invalidation';
const publishWaitMs = 250;
const kinds = new Set<CacheInvalidation['kind']>([
  'organization',
  'user',
  'membership',
  'memberships-of-organization',
  'session',
  'sessions-of-admin',
  'api-key',
  'api-keys-of-organization',
  'sessions-of-organization',
  'everything',
]);

const parse = (text: string): { from: string; message: CacheInvalidation } | undefined => {
  try {
    const parsed = JSON.parse(text) as { from?: unknown; message?: { kind?: unknown } };
    if (typeof parsed.from !== 'string' || !kinds.has(parsed.message?.kind as CacheInvalidation['kind']))
      return undefined;
    return parsed as { from: string; message: CacheInvalidation };
  } catch {
    return undefined;
  }
};

/**
 * Cache invalidations over Redis pub/sub, on a second connection (a subscribed
 * connection can do nothing else). Pub/sub drops messages while disconnected, so
 * after a reconnect every subscriber forgets everything.
 */
export const createRedisInvalidationBus = (
  redis: Redis,
  instanceId: string,
): CacheInvalidationBus & { close(): void } => {
  const subscriber = redis.duplicate();
  const handlers: ((message: CacheInvalidation) => void)[] = [];
  const deliver = (message: CacheInvalidation) => handlers.forEach((handler) => handler(message));
  let connectedBefore = false;
  subscriber.on('ready', () => {
    if (connectedBefore) deliver({ kind: 'everything' });
    connectedBefore = true;
  });
  subscriber.on('error', () => undefined);
  subscriber.subscribe(channel).catch(() => undefined);
  subscriber.on('message', (_channel: string, text: string) => {
    const parsed = parse(text);
    // Our own writes were already forgotten here before the write returned.
    if (parsed && parsed.from !== instanceId) deliver(parsed.message);
  });
  return {
    // Waits for Redis to take the message, but never long: a lost message is bounded by the TTL.
    publish: (message) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, publishWaitMs);
        redis
          .publish(channel, JSON.stringify({ from: instanceId, message }))
          .catch(() => undefined)
          .finally(() => {
            clearTimeout(timer);
            resolve();
          });
      }),
    subscribe: (handler) => void handlers.push(handler),
    close: () => subscriber.disconnect(),
  };
};
