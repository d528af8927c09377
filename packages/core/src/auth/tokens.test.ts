import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import { createTokenService, type TokenConfig } from './tokens.js';

const config: TokenConfig = {
  secret: 'a-test-secret-that-is-long-enough-for-hs256',
  issuer: 'orgsphere-test',
  audience: 'orgsphere-test-api',
  expiresInSeconds: 600,
};
const claims = { adminId: 'admin-1', organizationId: 'org-1' };

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('access tokens', () => {
  it('round-trips the admin and organization ids', async () => {
    const tokens = createTokenService(config);
    const { token, expiresInSeconds } = await tokens.issueAccessToken(claims);
    expect(expiresInSeconds).toBe(600);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
  });

  it('names the admin in sub and admin_id, the organization in organization_id, and nothing secret', async () => {
    const { token } = await createTokenService(config).issueAccessToken(claims);
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({
      sub: 'admin-1',
      admin_id: 'admin-1',
      organization_id: 'org-1',
      iss: config.issuer,
      aud: config.audience,
    });
    expect(typeof payload.jti).toBe('string');
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(Object.keys(payload).sort()).toEqual(['admin_id', 'aud', 'exp', 'iat', 'iss', 'jti', 'organization_id', 'sub']);
  });

  it('refuses a token signed with another secret', async () => {
    const { token } = await createTokenService({ ...config, secret: 'another-secret-that-is-long-enough!!' }).issueAccessToken(claims);
    expect((await failure(createTokenService(config).verifyAccessToken(token))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a wrong issuer or audience', async () => {
    const tokens = createTokenService(config);
    for (const other of [{ issuer: 'someone-else' }, { audience: 'another-api' }]) {
      const { token } = await createTokenService({ ...config, ...other }).issueAccessToken(claims);
      expect((await failure(tokens.verifyAccessToken(token))).code).toBe('TOKEN_INVALID');
    }
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const key = new TextEncoder().encode(config.secret);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ admin_id: 'admin-1', organization_id: 'org-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin-1')
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(key);
    expect((await failure(createTokenService(config).verifyAccessToken(token))).code).toBe('TOKEN_EXPIRED');
  });

  it('refuses alg none and tampered payloads', async () => {
    const tokens = createTokenService(config);
    const { token } = await tokens.issueAccessToken(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect((await failure(tokens.verifyAccessToken(unsigned))).code).toBe('TOKEN_INVALID');

    const forged = { ...decodeJwt(token), organization_id: 'org-2' };
    expect((await failure(tokens.verifyAccessToken(`${header}.${encode(forged)}.${signature}`))).code).toBe('TOKEN_INVALID');

    expect((await failure(tokens.verifyAccessToken('garbage'))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a validly signed token without an organization', async () => {
    const key = new TextEncoder().encode(config.secret);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin-1')
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    expect((await failure(createTokenService(config).verifyAccessToken(token))).code).toBe('TOKEN_INVALID');
  });
});
