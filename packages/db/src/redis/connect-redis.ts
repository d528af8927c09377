import { Redis } from 'ioredis';

/**
 * A Redis client that fails commands fast while Redis is away (instead of queueing
 * them forever) and reconnects by itself.
 */
export const createRedisClient = (url: string): Redis =>
  new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2_000,
    lazyConnect: false,
  });
