import type { Clock } from '../time.js';
import type { UserRepository } from '../users/ports.js';
import type { SessionRepository } from './ports.js';
import type { AdminPrincipal } from './principal.js';

/** Ends the caller's session: its refresh token and access tokens stop working. */
export const logout = async (
  deps: { sessions: Pick<SessionRepository, 'revokeSession'>; clock: Clock },
  principal: AdminPrincipal,
): Promise<void> => {
  await deps.sessions.revokeSession(principal.sessionId, deps.clock.now());
};

/** Ends every session of the user, including tokens issued on other devices. */
export const logoutAll = async (
  deps: {
    sessions: Pick<SessionRepository, 'revokeAllSessions'>;
    users: Pick<UserRepository, 'update'>;
    clock: Clock;
  },
  principal: AdminPrincipal,
): Promise<void> => {
  const now = deps.clock.now();
  await deps.users.update(principal.adminId, { updatedAt: now }, { revokeSessions: true });
  await deps.sessions.revokeAllSessions(principal.adminId, now);
};
