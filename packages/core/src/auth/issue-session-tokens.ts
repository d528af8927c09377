import { newIdFor, type IdSource } from '../ids.js';
import { addSeconds, type Clock } from '../time.js';
import type { SessionRepository } from './ports.js';
import { generateRefreshToken, hashRefreshToken } from './refresh-token.js';
import type { SessionPolicy } from './session-policy.js';
import type { ClientInfo, Session } from './session.js';
import type { TokenService } from './tokens.js';
import type { User } from '../users/user.js';

export type SessionTokens = {
  accessToken: string;
  tokenType: 'bearer';
  expiresInSeconds: number;
  refreshToken: string;
  refreshExpiresInSeconds: number;
  sessionId: string;
  adminId: string;
  organizationId: string;
};

export type IssueSessionTokensDeps = {
  sessions: Pick<SessionRepository, 'insertSession' | 'insertRefreshToken'>;
  tokens: Pick<TokenService, 'issueAccessToken'>;
  clock: Clock;
  sessionPolicy: SessionPolicy;
  newId?: IdSource | undefined;
};

/** Stores a fresh refresh token for the session and issues an access token with it. */
export const issueSessionTokens = async (
  deps: IssueSessionTokensDeps,
  user: User,
  session: Session,
): Promise<SessionTokens> => {
  const now = deps.clock.now();
  const refreshToken = generateRefreshToken();
  const refreshExpiresAt = new Date(
    Math.min(addSeconds(now, deps.sessionPolicy.refreshTokenTtlSeconds).getTime(), session.expiresAt.getTime()),
  );
  await deps.sessions.insertRefreshToken({
    hash: hashRefreshToken(refreshToken),
    sessionId: session.id,
    adminId: user.id,
    createdAt: now,
    expiresAt: refreshExpiresAt,
    rotatedAt: null,
  });
  const { token, expiresInSeconds } = await deps.tokens.issueAccessToken({
    adminId: user.id,
    organizationId: session.organizationId,
    sessionId: session.id,
    sessionVersion: user.sessionVersion,
  });
  return {
    accessToken: token,
    tokenType: 'bearer',
    expiresInSeconds,
    refreshToken,
    refreshExpiresInSeconds: Math.floor((refreshExpiresAt.getTime() - now.getTime()) / 1000),
    sessionId: session.id,
    adminId: user.id,
    organizationId: session.organizationId,
  };
};

/**
 * Opens a new session (refresh-token family) of a user in one of their organizations:
 * after a login, an accepted invitation or a switch of the active organization.
 */
export const startSession = async (
  deps: IssueSessionTokensDeps,
  user: User,
  organizationId: string,
  client: ClientInfo,
): Promise<SessionTokens> => {
  const now = deps.clock.now();
  const session: Session = {
    id: newIdFor(deps),
    adminId: user.id,
    organizationId,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: addSeconds(now, deps.sessionPolicy.sessionMaxAgeSeconds),
    userAgent: client.userAgent ?? null,
    ip: client.ip ?? null,
    revokedAt: null,
  };
  await deps.sessions.insertSession(session);
  return issueSessionTokens(deps, user, session);
};
