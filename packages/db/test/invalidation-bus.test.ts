import { afterAll, describe, expect, it } from 'vitest';

import type { CacheInvalidation } from '../src/caching/cache-invalidation.js';
import { createRedisClient } from '../src/redis/connect-redis.js';
import { createRedisInvalidationBus } from '../src/redis/invalidation-bus.js';
import { requireTestRedis, testRedisUrl as redisUrl } from '../src/testing/index.js';

const redisReachable = await requireTestRedis('the Redis invalidation bus test');

describe.runIf(redisReachable)('Redis cache invalidation bus', () => {
  const clients = [createRedisClient(redisUrl), createRedisClient(redisUrl)];
  const [a, b] = clients.map((client, i) => createRedisInvalidationBus(client, `instance-${i}-${crypto.randomUUID()}`));
  afterAll(() => {
    a!.close();
    b!.close();
    clients.forEach((client) => client.disconnect());
  });

  it("delivers one instance's invalidations to the others, not back to itself", async () => {
    const toA: CacheInvalidation[] = [];
    const toB: CacheInvalidation[] = [];
    a!.subscribe((message) => toA.push(message));
    const received = new Promise<CacheInvalidation>((resolve) => b!.subscribe(resolve));
    b!.subscribe((message) => toB.push(message));
    // Subscriptions are asynchronous: publish until the first message gets through.
    const id = crypto.randomUUID();
    let delivered: CacheInvalidation | undefined;
    void received.then((message) => (delivered = message));
    while (!delivered) {
      await a!.publish({ kind: 'session', id });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(delivered).toEqual({ kind: 'session', id });
    expect(toB.every((message) => message.kind === 'session' && message.id === id)).toBe(true);
    expect(toA).toEqual([]);
  });
});
