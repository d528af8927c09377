import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * True once `pid` no longer runs. A server whose parent was killed is reparented,
 * and an init that does not reap leaves a zombie (state Z), which counts as gone.
 */
export const isGone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
};

/** Resolves with the connect error code (ECONNREFUSED expected), or 'connected'. */
export const tryConnect = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

/** Polls `check` every 100 ms; false if it is still false after `limitMs` (a bound, not a speed check). */
export const eventually = async (check: () => boolean | Promise<boolean>, limitMs = 30_000): Promise<boolean> => {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await delay(100);
  }
  return check();
};
