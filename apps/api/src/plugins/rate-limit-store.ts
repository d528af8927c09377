import { LruMap } from 'toad-cache';

/** A key's requests in its current window, this one included, and the milliseconds left of the window. */
export type WindowCount = { count: number; ttlMs: number };

/** Counts requests per key in fixed windows that start at a key's first request. */
export interface RateLimitStore {
  /** In process the count is known at once; a shared store answers later. */
  increment: (key: string) => WindowCount | Promise<WindowCount>;
}

type Window = WindowCount & { startedAt: number };

/** How many keys @fastify/rate-limit's LocalStore keeps (its default `cache`); the least recently seen go first. */
export const localStoreMaxKeys = 5_000;

/**
 * @fastify/rate-limit 11.2's LocalStore (without continueExceeding and exponential backoff),
 * over the same toad-cache LRU, answering synchronously: the returned count is the key's
 * window itself, read by the caller before the next request can change it.
 */
export const createLocalStore = (windowMs: number, maxKeys = localStoreMaxKeys): RateLimitStore => {
  const windows = new LruMap<Window>(maxKeys);
  return {
    increment: (key) => {
      const now = Date.now();
      const window = windows.get(key);
      if (window === undefined) {
        const opened: Window = { count: 1, ttlMs: windowMs, startedAt: now };
        windows.set(key, opened);
        return opened;
      }
      if (window.startedAt + windowMs <= now) {
        window.count = 1;
        window.ttlMs = windowMs;
        window.startedAt = now;
      } else {
        window.count += 1;
        window.ttlMs = windowMs - (now - window.startedAt);
      }
      return window;
    },
  };
};
