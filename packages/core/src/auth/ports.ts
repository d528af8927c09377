import type { ClientInfo, RefreshTokenRecord, Session } from './session.js';

export interface SessionRepository {
  insertSession(session: Session): Promise<void>;
  findSession(id: string): Promise<Session | null>;
  touchSession(id: string, at: Date, client: ClientInfo): Promise<void>;
  revokeSession(id: string, at: Date): Promise<void>;
  revokeAllSessions(adminId: string, at: Date): Promise<void>;
  /** The user's sessions neither revoked nor expired at `now`, most recently used first, at most `limit`. */
  listActiveSessions(adminId: string, now: Date, limit: number): Promise<Session[]>;
  /** Ends every session opened in this organization, whoever holds it. */
  revokeOrganizationSessions(organizationId: string, at: Date): Promise<void>;
  insertRefreshToken(record: RefreshTokenRecord): Promise<void>;
  findRefreshToken(hash: string): Promise<RefreshTokenRecord | null>;
  /** Marks the token rotated only if it was not yet: true for exactly one caller. */
  markRotated(hash: string, at: Date): Promise<boolean>;
  /** Removes expired sessions and refresh tokens (no TTL indexes everywhere). Returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
