/**
 * A login session: one refresh-token family. Rotating the refresh token keeps the
 * session; presenting an already-rotated token revokes it (someone copied it).
 */
export type Session = {
  id: string;
  adminId: string;
  organizationId: string;
  createdAt: Date;
  lastUsedAt: Date;
  /** Absolute end of the session, however often it is refreshed. */
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  revokedAt: Date | null;
};

/** Refresh tokens are stored only as their SHA-256, never in clear. */
export type RefreshTokenRecord = {
  hash: string;
  sessionId: string;
  adminId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when exchanged for a new token; a second exchange is a reuse. */
  rotatedAt: Date | null;
};

/** Where a request came from, as far as the transport can tell. */
export type ClientInfo = { ip?: string | null | undefined; userAgent?: string | null | undefined };
