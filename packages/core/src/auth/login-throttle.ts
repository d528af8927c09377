import { createHash } from 'node:crypto';

import { AppError } from '../errors.js';

/**
 * Fixed-window counters (in process, or shared through Redis). `increment` must be
 * atomic, so that a burst of concurrent attempts cannot all see a low count.
 */
export interface AttemptCounter {
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  reset(key: string): Promise<void>;
}

export type LoginThrottlePolicy = {
  maxAttemptsPerEmail: number;
  maxAttemptsPerIp: number;
  windowMs: number;
};

export const defaultLoginThrottlePolicy: LoginThrottlePolicy = {
  maxAttemptsPerEmail: 10,
  maxAttemptsPerIp: 100,
  windowMs: 15 * 60_000,
};

export type LoginThrottle = {
  /** Counts this attempt; throws TOO_MANY_ATTEMPTS (with retryAfterSeconds) once a limit is passed. */
  registerAttempt(email: string, ip: string | null | undefined): Promise<void>;
  /** A successful login clears its email's count, so its owner is not locked out by their own typos. */
  registerSuccess(email: string): Promise<void>;
};

// Hashed, so counter keys (in Redis, say) do not list who is being attacked.
const emailKey = (email: string) => `login:email:${createHash('sha256').update(email).digest('base64url')}`;

/**
 * Attempts are counted before the password is checked: a burst of 1,000 guesses
 * costs at most `max` argon2 verifications, and the count is right under concurrency.
 */
export const createLoginThrottle = (counter: AttemptCounter, policy: LoginThrottlePolicy): LoginThrottle => ({
  async registerAttempt(email, ip) {
    const checks: [string, number][] = [[emailKey(email), policy.maxAttemptsPerEmail]];
    if (ip) checks.push([`login:ip:${ip}`, policy.maxAttemptsPerIp]);
    let retryAfterMs = 0;
    for (const [key, max] of checks) {
      const { count, resetInMs } = await counter.increment(key, policy.windowMs);
      if (count > max) retryAfterMs = Math.max(retryAfterMs, resetInMs);
    }
    if (retryAfterMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new AppError('TOO_MANY_ATTEMPTS', `Too many login attempts; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
  },
  async registerSuccess(email) {
    await counter.reset(emailKey(email));
  },
});

/** Counters in this process only: right for one instance, and for tests. */
export const createMemoryAttemptCounter = (now: () => number = Date.now): AttemptCounter => {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async increment(key, windowMs) {
      const current = now();
      let window = windows.get(key);
      if (!window || window.resetAt <= current) {
        window = { count: 0, resetAt: current + windowMs };
        windows.set(key, window);
        // Forget finished windows now and then, so the map stays small.
        if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= current) windows.delete(k);
      }
      window.count += 1;
      return { count: window.count, resetInMs: window.resetAt - current };
    },
    async reset(key) {
      windows.delete(key);
    },
  };
};
