import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { snapshotData, testJwt } from '../../src/testing/index.js';
import { openArena, type Arena, type Tenant } from '../arena.js';

let arena: Arena;
let victim: Tenant;
const secret = testJwt.keys[0]!.secret;
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  arena = await openArena();
  victim = await arena.tenant('Victim');
});
afterAll(() => arena.server.close());

/** A token for the victim with the given changes, signed with `key` (the real secret by default). */
const craft = async (
  changes: {
    alg?: string;
    payload?: object;
    key?: Parameters<SignJWT['sign']>[0];
    exp?: number;
    iss?: string;
    aud?: string;
  } = {},
) => {
  const real = decodeJwt(victim.token);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    admin_id: real.admin_id,
    organization_id: real.organization_id,
    sid: real.sid,
    sv: real.sv,
    ...changes.payload,
  })
    .setProtectedHeader({ alg: changes.alg ?? 'HS256', kid: 'test-key' })
    .setSubject(String(real.sub))
    .setIssuer(changes.iss ?? testJwt.issuer)
    .setAudience(changes.aud ?? testJwt.audience)
    .setIssuedAt(now)
    .setJti(crypto.randomUUID())
    .setExpirationTime(changes.exp ?? now + 300)
    .sign(changes.key ?? new TextEncoder().encode(secret));
};

/** Every protected call the attacker might try with a bad token: all must be 401 and change nothing. */
const expectRefusedEverywhere = async (token: string) => {
  const before = await snapshotData(arena.server.db);
  const { api } = arena;
  const statuses = [
    (await api.updateOrg({ organization_name: victim.organization_name, new_organization_name: 'Hijacked Org' }, token))
      .status,
    (await api.updateOrg({ organization_name: victim.organization_name, password: 'attacker-password-1' }, token))
      .status,
    (await api.deleteOrg(victim.organization_name, token)).status,
    (
      await api.send('GET', `/org/audit-log?organization_name=${encodeURIComponent(victim.organization_name)}`, {
        token,
      })
    ).status,
    (await api.send('POST', '/admin/logout-all', { body: {}, token })).status,
  ];
  expect(statuses).toEqual([401, 401, 401, 401, 401]);
  expect(await snapshotData(arena.server.db)).toBe(before);
};

describe('forged and broken access tokens', () => {
  it('the genuine token works (control)', async () => {
    const response = await arena.api.send(
      'GET',
      `/org/audit-log?organization_name=${encodeURIComponent(victim.organization_name)}`,
      {
        token: victim.token,
      },
    );
    expect(response.status).toBe(200);
  });

  it('alg none', async () => {
    const [, payload] = victim.token.split('.');
    await expectRefusedEverywhere(`${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`);
  });

  it('HS/RS confusion: RS256 with the attacker key, HS256 keyed with a public key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    await expectRefusedEverywhere(await craft({ alg: 'RS256', key: privateKey }));
    await expectRefusedEverywhere(
      await craft({ key: new TextEncoder().encode(JSON.stringify(await exportJWK(publicKey))) }),
    );
  });

  it('tampered payload (another organization id, same signature)', async () => {
    const [header, , signature] = victim.token.split('.');
    const forged = { ...decodeJwt(victim.token), organization_id: 'someone-else' };
    await expectRefusedEverywhere(`${header}.${encode(forged)}.${signature}`);
  });

  it('wrong secret', async () => {
    await expectRefusedEverywhere(
      await craft({ key: new TextEncoder().encode('not-the-secret-0123456789-0123456789') }),
    );
  });

  it('expired', async () => {
    await expectRefusedEverywhere(await craft({ exp: Math.floor(Date.now() / 1000) - 120 }));
  });

  it('wrong issuer or audience', async () => {
    await expectRefusedEverywhere(await craft({ iss: 'evil-issuer' }));
    await expectRefusedEverywhere(await craft({ aud: 'another-api' }));
  });

  it('an old session version (a token from before a password change)', async () => {
    await expectRefusedEverywhere(await craft({ payload: { sv: 0 } }));
  });

  it('garbage and a missing scheme', async () => {
    await expectRefusedEverywhere('not.a.jwt');
    const { api } = arena;
    const response = await api.send(
      'DELETE',
      `/org/delete?organization_name=${encodeURIComponent(victim.organization_name)}`,
      {
        headers: { authorization: victim.token },
      },
    );
    expect(response.status).toBe(401);
  });
});

describe('revocation', () => {
  it("refuses a deleted organization's token at once", async () => {
    const doomed = await arena.tenant('Deleted');
    expect((await arena.api.deleteOrg(doomed.organization_name, doomed.token)).status).toBe(200);
    const response = await arena.api.send('POST', '/admin/logout-all', { body: {}, token: doomed.token });
    expect(response.status).toBe(401);
    expect(
      (await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: doomed.refreshToken } })).status,
    ).toBe(401);
  });

  it('a password change kills every earlier access and refresh token, the changer’s included', async () => {
    const tenant = await arena.tenant('Rotate');
    const second = (await arena.api.login({ email: tenant.email, password: tenant.password })).body;
    const changed = await arena.api.updateOrg(
      { organization_name: tenant.organization_name, password: 'a-new-password-77' },
      tenant.token,
    );
    expect(changed.status).toBe(200);
    for (const token of [tenant.token, second.access_token]) {
      expect(
        (await arena.api.updateOrg({ organization_name: tenant.organization_name, email: `x.${tenant.email}` }, token))
          .status,
      ).toBe(401);
    }
    expect(
      (await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: second.refresh_token } })).status,
    ).toBe(401);
    expect((await arena.api.login({ email: tenant.email, password: 'a-new-password-77' })).status).toBe(200);
  });

  it('logout ends this session only; logout-all ends every session', async () => {
    const tenant = await arena.tenant('Sessions');
    const other = (await arena.api.login({ email: tenant.email, password: tenant.password })).body;
    const audit = (token: string) =>
      arena.api.send('GET', `/org/audit-log?organization_name=${encodeURIComponent(tenant.organization_name)}`, {
        token,
      });

    expect((await arena.api.send('POST', '/admin/logout', { body: {}, token: tenant.token })).status).toBe(200);
    expect((await audit(tenant.token)).status).toBe(401);
    expect(
      (await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: tenant.refreshToken } })).status,
    ).toBe(401);
    expect((await audit(other.access_token)).status).toBe(200);

    expect((await arena.api.send('POST', '/admin/logout-all', { body: {}, token: other.access_token })).status).toBe(
      200,
    );
    expect((await audit(other.access_token)).status).toBe(401);
    expect(
      (await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: other.refresh_token } })).status,
    ).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use', async () => {
    const tenant = await arena.tenant('Refresher');
    const first = await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: tenant.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tenant.refreshToken);
    const second = await arena.api.send('POST', '/admin/refresh', {
      body: { refresh_token: first.body.refresh_token },
    });
    expect(second.status).toBe(200);
    const stored = await arena.server.db.collection('refresh_tokens').find({ admin_id: tenant.adminId }).toArray();
    // Only hashes are stored.
    expect(stored.map((doc) => doc._id)).not.toContain(tenant.refreshToken);
    expect(JSON.stringify(stored)).not.toContain(first.body.refresh_token);
  });

  it('reusing a rotated refresh token revokes the whole session', async () => {
    const tenant = await arena.tenant('Reuse');
    const rotated = (await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: tenant.refreshToken } }))
      .body;
    const reuse = await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: tenant.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.data.appCode).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer tokens die with the session too.
    expect(
      (await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: rotated.refresh_token } })).status,
    ).toBe(401);
    const audit = `/org/audit-log?organization_name=${encodeURIComponent(tenant.organization_name)}`;
    expect((await arena.api.send('GET', audit, { token: rotated.access_token })).status).toBe(401);
  });

  it('two concurrent refreshes with one token: at most one succeeds', async () => {
    const tenant = await arena.tenant('Concurrent');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        arena.api.send('POST', '/admin/refresh', { body: { refresh_token: tenant.refreshToken } }),
      ),
    );
    expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(responses.every((r) => r.status === 200 || r.status === 401)).toBe(true);
  });

  it('unknown or malformed refresh tokens are 401/400', async () => {
    expect((await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: 'nope' } })).status).toBe(401);
    expect((await arena.api.send('POST', '/admin/refresh', { body: { refresh_token: { $ne: null } } })).status).toBe(
      400,
    );
  });
});
