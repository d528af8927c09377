import type { PasswordHasher } from './password.js';

/**
 * Runs at most `max` argon2 operations at once; the others wait their turn. argon2
 * runs off the event loop, but each one keeps a core busy: with as many as there
 * are cores, the event loop thread waits for CPU and every other request (probes
 * included) slows down while logins pile up.
 */
export const limitPasswordHasher = (hasher: PasswordHasher, max: number): PasswordHasher => {
  let running = 0;
  const waiting: (() => void)[] = [];
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < max) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next caller, or give it back.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
  return {
    hash: (password) => run(() => hasher.hash(password)),
    verify: (passwordHash, password) => run(() => hasher.verify(passwordHash, password)),
  };
};
