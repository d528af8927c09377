import { createConnection } from 'node:net';

/** CI machines are set up with every prerequisite, so a missing one there is a failure, never a skip. */
export const runningInCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true' || env.CI === '1';

export class MissingPrerequisiteError extends Error {
  override readonly name = 'MissingPrerequisiteError';
}

export type Prerequisite = {
  /** What is missing, e.g. "Redis at 127.0.0.1:6379". */
  what: string;
  /** Which tests need it, e.g. "the Redis invalidation bus test". */
  neededBy: string;
  /** How to provide it. */
  fix: string;
};

/**
 * One decision for every test that needs something outside the repository: true when it is
 * there; under CI=true a clear failure; elsewhere false after saying visibly what is skipped.
 */
export const requirePrerequisite = (
  available: boolean,
  prerequisite: Prerequisite,
  env: NodeJS.ProcessEnv = process.env,
): boolean => {
  if (available) return true;
  const missing = `${prerequisite.what} is missing, and ${prerequisite.neededBy} needs it (${prerequisite.fix})`;
  if (runningInCi(env)) throw new MissingPrerequisiteError(`${missing}. Under CI=true this fails instead of skipping.`);
  console.warn(`SKIPPING ${prerequisite.neededBy}: ${missing}.`);
  return false;
};

/** Whether something accepts TCP connections at host:port within the timeout. */
export const isTcpReachable = (host: string, port: number, timeoutMs = 1_000): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port });
    const settle = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
