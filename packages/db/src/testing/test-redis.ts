import { isTcpReachable, requirePrerequisite } from './prerequisites.js';

/** Redis runs on every machine of this project's kind, CI's included. */
export const testRedisUrl = 'redis://127.0.0.1:6379';

/**
 * Whether tests that need Redis run: true when it answers; under CI=true an unreachable Redis
 * fails the test file with a clear message; elsewhere they are skipped with a visible warning.
 */
export const requireTestRedis = async (neededBy: string): Promise<boolean> => {
  const { hostname, port } = new URL(testRedisUrl);
  return requirePrerequisite(await isTcpReachable(hostname, Number(port)), {
    what: `Redis at ${hostname}:${port}`,
    neededBy,
    fix: 'start redis-server',
  });
};
