import { errors, jwtVerify, SignJWT } from 'jose';

import { AppError } from '../errors.js';

export type TokenConfig = {
  secret: string;
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
};

export type IssuedToken = { token: string; expiresInSeconds: number };

export type TokenService = {
  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken>;
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
};

const algorithm = 'HS256';

/**
 * HS256 access tokens. They name the admin and the organization by immutable ids,
 * so a rename never makes a token stale, and carry nothing secret.
 */
export const createTokenService = (config: TokenConfig): TokenService => {
  const key = new TextEncoder().encode(config.secret);

  return {
    async issueAccessToken({ adminId, organizationId }) {
      const token = await new SignJWT({ admin_id: adminId, organization_id: organizationId })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setSubject(adminId)
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(`${config.expiresInSeconds}s`)
        .sign(key);
      return { token, expiresInSeconds: config.expiresInSeconds };
    },

    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: config.clockToleranceSeconds ?? 5,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const organizationId = payload['organization_id'];
        if (typeof payload.sub !== 'string' || typeof organizationId !== 'string') {
          throw new AppError('TOKEN_INVALID', 'Access token is missing required claims');
        }
        return { adminId: payload.sub, organizationId };
      } catch (error) {
        throw translateJoseError(error);
      }
    },
  };
};

const translateJoseError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) {
    return new AppError('TOKEN_EXPIRED', 'Access token has expired; log in again', {}, { cause: error });
  }
  return new AppError('TOKEN_INVALID', 'Access token is invalid', {}, { cause: error });
};
