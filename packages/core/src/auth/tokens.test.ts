import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import { createTokenService, deriveKeyId, type TokenConfig } from './tokens.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const key = { id: 'k1', secret };
const config: TokenConfig = {
  keys: [key],
  issuer: 'orgsphere-test',
  audience: 'orgsphere-test-api',
  expiresInSeconds: 600,
};
const claims = { adminId: 'admin-1', organizationId: 'org-1', sessionId: 'session-1', sessionVersion: 3 };
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

/** A token with our claims, signed however the test wants. */
const forge = (overrides: { header?: object; payload?: object; secret?: string } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ admin_id: 'admin-1', organization_id: 'org-1', sid: 'session-1', sv: 3, ...overrides.payload })
    .setProtectedHeader({ alg: 'HS256', kid: 'k1', ...overrides.header })
    .setSubject('admin-1')
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(now)
    .setJti('jti-1')
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(overrides.secret ?? secret));
};

describe('access tokens', () => {
  it('round-trips admin, organization, session and session version', async () => {
    const tokens = createTokenService(config);
    const { token, expiresInSeconds } = await tokens.issueAccessToken(claims);
    expect(expiresInSeconds).toBe(600);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
  });

  it('carries sub/admin_id, organization_id, jti, iss, aud and kid, and nothing secret', async () => {
    const { token } = await createTokenService(config).issueAccessToken(claims);
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({
      sub: 'admin-1',
      admin_id: 'admin-1',
      organization_id: 'org-1',
      sid: 'session-1',
      sv: 3,
    });
    expect(payload).toMatchObject({ iss: config.issuer, aud: config.audience });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(Object.keys(payload).sort()).toEqual([
      'admin_id',
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'organization_id',
      'sid',
      'sub',
      'sv',
    ]);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
  });

  it('refuses a token signed with another secret, or naming an unknown key', async () => {
    const tokens = createTokenService(config);
    expect(
      (await failure(tokens.verifyAccessToken(await forge({ secret: 'another-secret-that-is-long-enough!!' })))).code,
    ).toBe('TOKEN_INVALID');
    expect((await failure(tokens.verifyAccessToken(await forge({ header: { kid: 'k9' } })))).code).toBe(
      'TOKEN_INVALID',
    );
  });

  it('refuses a wrong issuer or audience', async () => {
    const tokens = createTokenService(config);
    for (const other of [{ issuer: 'someone-else' }, { audience: 'another-api' }]) {
      const { token } = await createTokenService({ ...config, ...other }).issueAccessToken(claims);
      expect((await failure(tokens.verifyAccessToken(token))).code).toBe('TOKEN_INVALID');
    }
  });

  it('refuses an expired token with TOKEN_EXPIRED, tolerating a few seconds of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (exp: number) =>
      new SignJWT({ organization_id: 'org-1', sid: 's', sv: 1 })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setSubject('admin-1')
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setIssuedAt(now - 3600)
        .setJti('j')
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const tokens = createTokenService(config);
    expect((await failure(tokens.verifyAccessToken(await sign(now - 60)))).code).toBe('TOKEN_EXPIRED');
    await expect(tokens.verifyAccessToken(await sign(now - 2))).resolves.toMatchObject({ adminId: 'admin-1' });
  });

  it('refuses alg none, tampered payloads and garbage', async () => {
    const tokens = createTokenService(config);
    const { token } = await tokens.issueAccessToken(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const unsigned = `${encode({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${payload}.`;
    expect((await failure(tokens.verifyAccessToken(unsigned))).code).toBe('TOKEN_INVALID');
    const forged = { ...decodeJwt(token), organization_id: 'org-2' };
    expect((await failure(tokens.verifyAccessToken(`${header}.${encode(forged)}.${signature}`))).code).toBe(
      'TOKEN_INVALID',
    );
    expect((await failure(tokens.verifyAccessToken('garbage'))).code).toBe('TOKEN_INVALID');
  });

  it('refuses RS/HS confusion: an RS256 token, and an HS256 token keyed with a public key', async () => {
    const tokens = createTokenService(config);
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const rs = await new SignJWT({ organization_id: 'org-1', sid: 's', sv: 3 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('admin-1')
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt(now)
      .setJti('j')
      .setExpirationTime(now + 60)
      .sign(privateKey);
    expect((await failure(tokens.verifyAccessToken(rs))).code).toBe('TOKEN_INVALID');
    const publicJwk = JSON.stringify(await exportJWK(publicKey));
    expect((await failure(tokens.verifyAccessToken(await forge({ secret: publicJwk })))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a validly signed token without session claims', async () => {
    const token = await forge({ payload: { sid: undefined, sv: undefined } });
    expect((await failure(createTokenService(config).verifyAccessToken(token))).code).toBe('TOKEN_INVALID');
  });

  it('rotates keys: the new key signs, the old one still verifies until dropped', async () => {
    const oldService = createTokenService(config);
    const oldToken = (await oldService.issueAccessToken(claims)).token;
    const rotated = createTokenService({
      ...config,
      keys: [{ id: 'k2', secret: 'the-new-secret-0123456789-0123456789' }, key],
    });
    const newToken = (await rotated.issueAccessToken(claims)).token;
    expect(decodeProtectedHeader(newToken).kid).toBe('k2');
    await expect(rotated.verifyAccessToken(oldToken)).resolves.toEqual(claims);
    await expect(rotated.verifyAccessToken(newToken)).resolves.toEqual(claims);
    // Old instances, still on the old key alone, cannot verify tokens of the new key; dropping the old key ends its tokens.
    expect((await failure(oldService.verifyAccessToken(newToken))).code).toBe('TOKEN_INVALID');
    const dropped = createTokenService({
      ...config,
      keys: [{ id: 'k2', secret: 'the-new-secret-0123456789-0123456789' }],
    });
    expect((await failure(dropped.verifyAccessToken(oldToken))).code).toBe('TOKEN_INVALID');
  });

  it('derives short, stable, distinct key ids from secrets', async () => {
    expect(await deriveKeyId('a')).toBe(await deriveKeyId('a'));
    expect(await deriveKeyId('a')).not.toBe(await deriveKeyId('b'));
    expect(await deriveKeyId('a')).toMatch(/^[0-9a-f]{12}$/);
  });
});
