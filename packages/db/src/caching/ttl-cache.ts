/**
 * A bounded map whose entries expire `ttlMs` after they were stored. The oldest
 * entry goes first when full (insertion order), which is enough for hot metadata.
 */
export type TtlCache<V> = {
  get(key: string): V | undefined;
  /** True while `key` is cached but in the last quarter of its life: time to refresh it ahead. */
  isAging(key: string): boolean;
  set(key: string, value: V): void;
  delete(key: string): void;
  /** Removes every entry whose value matches (e.g. all sessions of one admin). */
  deleteWhere(matches: (value: V) => boolean): void;
  clear(): void;
  readonly size: number;
};

export const createTtlCache = <V>(options: { ttlMs: number; maxEntries: number; now?: () => number }): TtlCache<V> => {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    isAging(key) {
      const entry = entries.get(key);
      return entry !== undefined && entry.expiresAt - now() < options.ttlMs / 4;
    },
    set(key, value) {
      entries.delete(key);
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAt: now() + options.ttlMs });
    },
    delete: (key) => void entries.delete(key),
    deleteWhere(matches) {
      for (const [key, entry] of entries) if (matches(entry.value)) entries.delete(key);
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
};
