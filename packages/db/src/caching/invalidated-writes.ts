import type { CacheInvalidation, CacheInvalidationBus } from './cache-invalidation.js';
import type { ReadGuard } from './read-guard.js';

/**
 * Ties a cache to the invalidation bus: messages from other instances make it forget (and
 * keep in-flight reads from storing), and `written(message)(write)` runs a write of this
 * instance, forgets what it changed, and publishes the message before the caller answers,
 * since the next request may well reach another instance.
 */
export const invalidatedWrites = (
  guard: ReadGuard,
  bus: CacheInvalidationBus | undefined,
  forget: (message: CacheInvalidation) => void,
) => {
  bus?.subscribe((message) => {
    guard.bump();
    forget(message);
  });
  return <T>(message: CacheInvalidation) =>
    async (write: () => Promise<T>) => {
      try {
        return await guard.write(write, () => forget(message));
      } finally {
        await bus?.publish(message);
      }
    };
};
