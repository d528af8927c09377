import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';

import type { IssuedToken, TokenConfig } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import type { OperatorPrincipal } from './operator.js';

export type OperatorTokenService = {
  issue(email: string): Promise<IssuedToken>;
  verify(token: string): Promise<OperatorPrincipal>;
};

const algorithm = 'HS256';

/**
 * Operator access tokens: the same keys as admin tokens but their own audience, so
 * neither kind of token passes for the other.
 */
export const createOperatorTokenService = (config: TokenConfig): OperatorTokenService => {
  const [signing] = config.keys;
  if (!signing) throw new Error('createOperatorTokenService needs at least one signing key');
  const keys = new Map(config.keys.map((key) => [key.id, new TextEncoder().encode(key.secret)]));
  const audience = `${config.audience}:operator`;

  return {
    async issue(email) {
      const token = await new SignJWT({ op: true })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: signing.id })
        .setSubject(email)
        .setIssuer(config.issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(`${config.expiresInSeconds}s`)
        .sign(keys.get(signing.id)!);
      return { token, expiresInSeconds: config.expiresInSeconds };
    },

    async verify(token) {
      try {
        const key = keys.get(decodeProtectedHeader(token).kid ?? '');
        if (!key) throw new AppError('TOKEN_INVALID', 'Operator token was signed with an unknown key');
        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          issuer: config.issuer,
          audience,
          clockTolerance: config.clockToleranceSeconds ?? 5,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (payload.op !== true || typeof payload.sub !== 'string') {
          throw new AppError('TOKEN_INVALID', 'Not an operator token');
        }
        return { email: payload.sub };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof errors.JWTExpired) {
          throw new AppError('TOKEN_EXPIRED', 'Operator token has expired; log in again', {}, { cause: error });
        }
        throw new AppError('TOKEN_INVALID', 'Operator token is invalid', {}, { cause: error });
      }
    },
  };
};
