import { AppError } from '../errors.js';
import type { Clock } from '../time.js';
import type { SessionRepository } from './ports.js';
import type { AdminPrincipal } from './principal.js';

/** One of the caller's own sessions, as the caller may see it. */
export type MySession = {
  id: string;
  /** The organization the session's tokens act in. */
  organizationId: string;
  createdAt: Date;
  /** Last sign-in, refresh or organization switch on it. */
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session of the token making this call. */
  current: boolean;
};

/** More than anyone signs in from at once; the list stays one bounded read. */
export const mySessionsLimit = 100;

export type MySessionsDeps = {
  sessions: Pick<SessionRepository, 'listActiveSessions' | 'findSession' | 'revokeSession'>;
  clock: Clock;
};

/** The caller's active sessions (not signed out, not expired), most recently used first. */
export const listMySessions = async (deps: MySessionsDeps, principal: AdminPrincipal): Promise<MySession[]> => {
  const sessions = await deps.sessions.listActiveSessions(principal.adminId, deps.clock.now(), mySessionsLimit);
  return sessions.map((session) => ({
    id: session.id,
    organizationId: session.organizationId,
    createdAt: session.createdAt,
    lastUsedAt: session.lastUsedAt,
    expiresAt: session.expiresAt,
    userAgent: session.userAgent,
    ip: session.ip,
    current: session.id === principal.sessionId,
  }));
};

/**
 * Signs out one of the caller's own sessions: its refresh token and access tokens stop
 * working. Someone else's session is "not found", exactly as an unknown id, so ids of other
 * users' sessions cannot be probed. Signing out a session that already ended is a no-op.
 */
export const revokeMySession = async (
  deps: MySessionsDeps,
  principal: AdminPrincipal,
  sessionId: string,
): Promise<{ sessionId: string; current: boolean }> => {
  const session = await deps.sessions.findSession(sessionId);
  if (!session || session.adminId !== principal.adminId) {
    throw new AppError('SESSION_NOT_FOUND', 'No such session of yours', { field: 'session_id' });
  }
  await deps.sessions.revokeSession(session.id, deps.clock.now());
  return { sessionId: session.id, current: session.id === principal.sessionId };
};
