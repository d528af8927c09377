import type { AttemptCounter } from '@orgsphere/core';
import type { Redis } from 'ioredis';

// INCR and the window's expiry in one atomic step, so concurrent instances share one count.
const incrementScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** Fixed-window counters shared by every API instance through Redis. */
export const createRedisAttemptCounter = (redis: Redis, prefix = 'orgsphere:'): AttemptCounter => ({
  async increment(key, windowMs) {
    const [count, resetInMs] = (await redis.eval(incrementScript, 1, `${prefix}${key}`, windowMs)) as [number, number];
    return { count, resetInMs };
  },
  async reset(key) {
    await redis.del(`${prefix}${key}`);
  },
});
