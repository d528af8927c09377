import type { ApiKey, ApiKeyRepository } from '@orgsphere/core';

import type { CacheInvalidation } from './cache-invalidation.js';
import type { CacheOptions } from './cached-repositories.js';
import { invalidatedWrites } from './invalidated-writes.js';
import { createReadGuard } from './read-guard.js';
import { createTtlCache } from './ttl-cache.js';

export type CachedApiKeys = { apiKeys: ApiKeyRepository; clear(): void };

/**
 * The per-request key lookup (by secret hash) from memory. Revoke and rotate forget
 * the key here before they return and tell the other instances over the same bus
 * as the other caches; a lost message is bounded by `ttlMs`. Unknown hashes are
 * never cached, and expiry and grace are judged against the clock at each use.
 */
export const cacheApiKeys = (inner: ApiKeyRepository, options: CacheOptions): CachedApiKeys => {
  const byHash = createTtlCache<ApiKey>({
    ttlMs: options.ttlMs,
    maxEntries: options.maxEntries ?? 50_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const guard = createReadGuard();
  const forget = (message: CacheInvalidation) => {
    if (message.kind === 'api-key') byHash.deleteWhere((key) => key.id === message.id);
    else if (message.kind === 'api-keys-of-organization')
      byHash.deleteWhere((key) => key.organizationId === message.organizationId);
    else if (message.kind === 'everything') byHash.clear();
  };
  const written = invalidatedWrites(guard, options.bus, forget);

  const apiKeys: ApiKeyRepository = {
    ...inner,
    findBySecretHash: (hash) => {
      const hit = byHash.get(hash);
      if (hit) return Promise.resolve(hit);
      return guard.read(
        () => inner.findBySecretHash(hash),
        (key) => key && byHash.set(hash, key),
      );
    },
    update: (id, expectedVersion, changes) =>
      written<ApiKey | null>({ kind: 'api-key', id })(() => inner.update(id, expectedVersion, changes)),
    deleteByOrganization: (organizationId) =>
      written<void>({ kind: 'api-keys-of-organization', organizationId })(() =>
        inner.deleteByOrganization(organizationId),
      ),
  };
  return {
    apiKeys,
    clear: () => {
      guard.bump();
      byHash.clear();
    },
  };
};
