import type { StoredTokens, TokenStorage } from '@orgsphere/client';

/** The part of `sessionStorage` this needs (tests pass a map). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const refreshTokenKey = 'orgsphere.refresh_token';

/**
 * The access token lives in memory only; the refresh token in this tab's sessionStorage, so
 * a reload stays signed in. After a reload the access token is unknown, so it is reported as
 * expired and the client's session helper refreshes it before the first call.
 */
/** A TokenStorage that answers synchronously. */
export type ConsoleTokenStorage = TokenStorage & { load(): StoredTokens | null };

export const createConsoleTokenStorage = (store: KeyValueStore): ConsoleTokenStorage => {
  let inMemory: StoredTokens | null = null;
  return {
    load: () => {
      const refreshToken = store.getItem(refreshTokenKey);
      if (!refreshToken) return null;
      if (inMemory?.refreshToken === refreshToken) return inMemory;
      return { accessToken: '', refreshToken, accessTokenExpiresAt: 0 };
    },
    save: (tokens) => {
      inMemory = tokens;
      if (tokens) store.setItem(refreshTokenKey, tokens.refreshToken);
      else store.removeItem(refreshTokenKey);
    },
  };
};
