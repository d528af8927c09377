import type { Redis } from 'ioredis';

import type { RateLimitStore, WindowCount } from './rate-limit-store.js';

/**
 * @fastify/rate-limit 11.2's RedisStore script without its continueExceeding and backoff
 * branches: the first request of a window sets its expiry, later ones read what is left.
 * Same keys and values as that store, so instances of either kind count together.
 */
const incrementScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = tonumber(ARGV[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  ttl = redis.call('PTTL', KEYS[1])
end
return {count, ttl}
`;

const commandName = 'orgsphereRateLimitIncrement';

type WithIncrement = Redis & {
  [commandName]: (key: string, windowMs: number) => Promise<[number, number]>;
};

const toWindowCount = ([count, ttlMs]: [number, number]): WindowCount => ({ count, ttlMs });

/** Counts shared by every instance on this Redis, under `nameSpace` + key; a failed command rejects as it came. */
export const createRedisStore = (redis: Redis, nameSpace: string, windowMs: number): RateLimitStore => {
  if (!(commandName in redis)) redis.defineCommand(commandName, { numberOfKeys: 1, lua: incrementScript });
  const client = redis as WithIncrement;
  return {
    increment: (key) => client[commandName](nameSpace + key, windowMs).then(toWindowCount),
  };
};
