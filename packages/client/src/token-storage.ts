/** What a session keeps between calls: the two tokens and, if known, when the access token expires. */
export type StoredTokens = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds; without it the token is used until the server says it expired. */
  accessTokenExpiresAt?: number | undefined;
};

/**
 * Where a session keeps its tokens: memory (the default), `localStorage`, a cookie
 * store, secure device storage... `null` means signed out.
 */
export type TokenStorage = {
  load(): StoredTokens | null | Promise<StoredTokens | null>;
  save(tokens: StoredTokens | null): void | Promise<void>;
};

/** Tokens that live as long as the page or process. */
export const createMemoryTokenStorage = (initial: StoredTokens | null = null): TokenStorage => {
  let tokens = initial;
  return {
    load: () => tokens,
    save: (next) => {
      tokens = next;
    },
  };
};
