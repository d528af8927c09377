import type { Admin } from './admin.js';
import type { ClientInfo, RefreshTokenRecord, Session } from './session.js';

/** Admin credentials. A duplicate email becomes AppError EMAIL_TAKEN. */
export interface AdminRepository {
  insert(admin: Admin): Promise<void>;
  findById(id: string): Promise<Admin | null>;
  findByEmail(email: string): Promise<Admin | null>;
  /** `revokeSessions` also bumps the session version, killing every earlier access token. */
  update(
    id: string,
    changes: Partial<Pick<Admin, 'email' | 'passwordHash' | 'updatedAt'>>,
    options?: { revokeSessions?: boolean },
  ): Promise<Admin | null>;
  deleteById(id: string): Promise<void>;
  deleteByOrganization(organizationId: string): Promise<void>;
}

export interface SessionRepository {
  insertSession(session: Session): Promise<void>;
  findSession(id: string): Promise<Session | null>;
  touchSession(id: string, at: Date, client: ClientInfo): Promise<void>;
  revokeSession(id: string, at: Date): Promise<void>;
  revokeAllSessions(adminId: string, at: Date): Promise<void>;
  insertRefreshToken(record: RefreshTokenRecord): Promise<void>;
  findRefreshToken(hash: string): Promise<RefreshTokenRecord | null>;
  /** Marks the token rotated only if it was not yet: true for exactly one caller. */
  markRotated(hash: string, at: Date): Promise<boolean>;
  /** Removes expired sessions and refresh tokens (no TTL indexes everywhere). Returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
