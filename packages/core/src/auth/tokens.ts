import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';

import { AppError } from '../errors.js';

/** One HMAC key; `id` goes into the token's `kid` header so keys can rotate. */
export type SigningKey = { id: string; secret: string };

export type TokenConfig = {
  /** The first key signs; every key verifies (old keys stay until their tokens expire). */
  keys: SigningKey[];
  issuer: string;
  audience: string;
  /** Lifetime in seconds. */
  expiresInSeconds: number;
  /** Tolerated clock difference between instances, in seconds. */
  clockToleranceSeconds?: number;
};

export type AccessTokenClaims = {
  adminId: string;
  organizationId: string;
  /** The login session (refresh-token family) this token belongs to. */
  sessionId: string;
  /** The admin's session version when issued; bumping it revokes every earlier token. */
  sessionVersion: number;
};

export type IssuedToken = { token: string; expiresInSeconds: number };

export type TokenService = {
  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken>;
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
};

/** The only accepted algorithm: `none`, RS/HS confusion and friends are refused by construction. */
const algorithm = 'HS256';

/** A short, stable, non-secret id for a secret: the start of its SHA-256. */
export const deriveKeyId = async (secret: string): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 12);
};

/**
 * HS256 access tokens. They name the admin, organization and session by immutable
 * ids, so a rename never makes a token stale, and carry nothing secret.
 */
export const createTokenService = (config: TokenConfig): TokenService => {
  const [signing] = config.keys;
  if (!signing) throw new Error('createTokenService needs at least one signing key');
  const keys = new Map(config.keys.map((key) => [key.id, new TextEncoder().encode(key.secret)]));
  const signingKey = keys.get(signing.id)!;

  const keyFor = (token: string): Uint8Array => {
    const { kid } = decodeProtectedHeader(token);
    // Tokens minted before key ids existed carry none: only the current key may verify them.
    const key = kid === undefined ? signingKey : keys.get(kid);
    if (!key) throw new AppError('TOKEN_INVALID', 'Access token was signed with an unknown key');
    return key;
  };

  return {
    async issueAccessToken({ adminId, organizationId, sessionId, sessionVersion }) {
      const token = await new SignJWT({
        admin_id: adminId,
        organization_id: organizationId,
        sid: sessionId,
        sv: sessionVersion,
      })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: signing.id })
        .setSubject(adminId)
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(`${config.expiresInSeconds}s`)
        .sign(signingKey);
      return { token, expiresInSeconds: config.expiresInSeconds };
    },

    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, keyFor(token), {
          algorithms: [algorithm],
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: config.clockToleranceSeconds ?? 5,
          requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        });
        const { organization_id: organizationId, sid: sessionId, sv: sessionVersion } = payload;
        if (
          typeof payload.sub !== 'string' ||
          typeof organizationId !== 'string' ||
          typeof sessionId !== 'string' ||
          typeof sessionVersion !== 'number'
        ) {
          throw new AppError('TOKEN_INVALID', 'Access token is missing required claims');
        }
        return { adminId: payload.sub, organizationId, sessionId, sessionVersion };
      } catch (error) {
        throw translateJoseError(error);
      }
    },
  };
};

const translateJoseError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) {
    return new AppError('TOKEN_EXPIRED', 'Access token has expired; refresh it or log in again', {}, { cause: error });
  }
  return new AppError('TOKEN_INVALID', 'Access token is invalid', {}, { cause: error });
};
