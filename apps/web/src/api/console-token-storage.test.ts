import { describe, expect, it } from 'vitest';

import { createConsoleTokenStorage, refreshTokenKey, type KeyValueStore } from './console-token-storage';

const mapStore = (): KeyValueStore & { values: Map<string, string> } => {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
};

describe('console token storage', () => {
  it('keeps the access token in memory only and the refresh token in the tab store', () => {
    const store = mapStore();
    const storage = createConsoleTokenStorage(store);
    void storage.save({ accessToken: 'access-1', refreshToken: 'refresh-1', accessTokenExpiresAt: 123 });
    expect([...store.values]).toEqual([[refreshTokenKey, 'refresh-1']]);
    expect(storage.load()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', accessTokenExpiresAt: 123 });
  });

  it('after a reload reports the unknown access token as expired, so the session refreshes first', () => {
    const store = mapStore();
    void createConsoleTokenStorage(store).save({ accessToken: 'a', refreshToken: 'refresh-2' });
    const reloaded = createConsoleTokenStorage(store);
    expect(reloaded.load()).toEqual({ accessToken: '', refreshToken: 'refresh-2', accessTokenExpiresAt: 0 });
  });

  it('forgets both on sign-out', () => {
    const store = mapStore();
    const storage = createConsoleTokenStorage(store);
    void storage.save({ accessToken: 'a', refreshToken: 'r' });
    void storage.save(null);
    expect(storage.load()).toBeNull();
    expect(store.values.size).toBe(0);
  });
});
