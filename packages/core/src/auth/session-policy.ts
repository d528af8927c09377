export type SessionPolicy = {
  /** Lifetime of one refresh token; each refresh issues a new one. */
  refreshTokenTtlSeconds: number;
  /** Absolute lifetime of a login session, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
};

export const defaultSessionPolicy: SessionPolicy = {
  refreshTokenTtlSeconds: 7 * 86_400,
  sessionMaxAgeSeconds: 30 * 86_400,
};
