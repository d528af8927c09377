import { startTestServer, testJwt, type TestServer } from '@orgsphere/api/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createMemoryTokenStorage,
  createOrgSphereClient,
  createOrgSphereSession,
  type SessionEndReason,
  type StoredTokens,
  type TokenStorage,
} from '../src/index.js';

let server: TestServer;
// Access tokens live one second, so tests can let them expire for real.
const accessTokenSeconds = 1;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'), {
    jwt: { ...testJwt, expiresInSeconds: accessTokenSeconds, clockToleranceSeconds: 0 },
  });
});
afterAll(() => server.close());

let counter = 0;
const newOrg = () => {
  counter += 1;
  const suffix = `${Date.now().toString(36)}${counter}`;
  return { organization_name: `Session ${suffix}`, email: `s.${suffix}@example.com`, password: `secret-${suffix}` };
};

/** A storage that forgets expiry times, as an app persisting only the two tokens would. */
const tokensOnlyStorage = () => {
  const inner = createMemoryTokenStorage();
  const storage: TokenStorage = {
    load: () => inner.load(),
    save: (tokens: StoredTokens | null) =>
      inner.save(tokens && { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
  };
  return { storage, inner };
};

/** A fetch that counts calls of each procedure. */
const countingFetch = () => {
  const calls: string[] = [];
  const counted: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url).pathname.replace('/trpc/', '');
    calls.push(...path.split(','));
    return fetch(input, init);
  };
  return { calls, fetch: counted };
};

const waitForExpiry = () => new Promise((resolve) => setTimeout(resolve, accessTokenSeconds * 1000 + 200));

const signedInClient = async (storage: TokenStorage, onSessionEnded?: (reason: SessionEndReason) => void) => {
  const org = newOrg();
  const counter = countingFetch();
  const session = createOrgSphereSession({
    url: server.url,
    storage,
    fetch: counter.fetch,
    ...(onSessionEnded ? { onSessionEnded } : {}),
  });
  const api = createOrgSphereClient({ url: server.url, session, fetch: counter.fetch });
  await api.org.create.mutate(org);
  await api.admin.login.mutate({ email: org.email, password: org.password });
  return { org, session, api, calls: counter.calls };
};

describe('session helper', () => {
  it('stores the tokens of a login and sends them', async () => {
    const storage = createMemoryTokenStorage();
    const { org, api } = await signedInClient(storage);
    expect((await storage.load())?.accessToken).toMatch(/^ey/);
    await expect(api.org.auditLog.query({ organization_name: org.organization_name, limit: 1 })).resolves.toMatchObject(
      { events: [expect.anything()] },
    );
  });

  it('after the access token expired, 10 parallel calls that all get 401 cause exactly one refresh', async () => {
    const { storage } = tokensOnlyStorage();
    const ended: SessionEndReason[] = [];
    const { org, api, calls } = await signedInClient(storage, (reason) => ended.push(reason));
    await waitForExpiry();
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => api.org.auditLog.query({ organization_name: org.organization_name, limit: 1 })),
    );
    expect(pages).toHaveLength(10);
    expect(calls.filter((call) => call === 'admin.refresh')).toHaveLength(1);
    expect(ended).toEqual([]);
  });

  it('refreshes an access token it knows has expired before sending it, once for many calls', async () => {
    const storage = createMemoryTokenStorage();
    const { org, api, calls } = await signedInClient(storage);
    await waitForExpiry();
    await Promise.all(
      Array.from({ length: 5 }, () => api.org.auditLog.query({ organization_name: org.organization_name })),
    );
    expect(calls.filter((call) => call === 'admin.refresh')).toHaveLength(1);
    expect(calls.filter((call) => call === 'org.auditLog')).toHaveLength(5);
  });

  it('renews an access token the server no longer accepts (e.g. its signing key was retired) with one refresh', async () => {
    const { storage } = tokensOnlyStorage();
    const { org, api, calls } = await signedInClient(storage);
    const stored = (await storage.load())!;
    await storage.save({ ...stored, accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.retired-key-signature' });
    await expect(api.org.auditLog.query({ organization_name: org.organization_name })).resolves.toBeDefined();
    expect(calls.filter((call) => call === 'admin.refresh')).toHaveLength(1);
  });

  it('calls back and forgets the tokens when the session is revoked elsewhere', async () => {
    const storage = createMemoryTokenStorage();
    const ended: SessionEndReason[] = [];
    const { org, api } = await signedInClient(storage, (reason) => ended.push(reason));
    const other = createOrgSphereClient({
      url: server.url,
      token: (
        await createOrgSphereClient({ url: server.url }).admin.login.mutate({
          email: org.email,
          password: org.password,
        })
      ).access_token,
    });
    await other.admin.logoutAll.mutate();
    const refused = await api.org.auditLog
      .query({ organization_name: org.organization_name })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ data: { httpStatus: 401 } });
    expect(ended).toEqual(['SESSION_REVOKED']);
    expect(await storage.load()).toBeNull();
  });

  it('calls back when the refresh token is refused', async () => {
    const { storage } = tokensOnlyStorage();
    const ended: SessionEndReason[] = [];
    const { org, api } = await signedInClient(storage, (reason) => ended.push(reason));
    const stored = (await storage.load())!;
    await storage.save({ ...stored, refreshToken: 'not-a-refresh-token' });
    await waitForExpiry();
    const refused = await api.org.auditLog
      .query({ organization_name: org.organization_name })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ data: { httpStatus: 401 } });
    expect(ended).toEqual(['REFRESH_TOKEN_INVALID']);
    expect(await storage.load()).toBeNull();
  });

  it('keeps the caller signed in across a password change (made with an expired token), and forgets the tokens on logout', async () => {
    const { storage } = tokensOnlyStorage();
    const { org, api } = await signedInClient(storage);
    const before = (await storage.load())!.accessToken;
    await waitForExpiry();
    const tokens = await api.admin.changePassword.mutate({
      current_password: org.password,
      new_password: `${org.password}-2`,
    });
    expect((await storage.load())?.accessToken).toBe(tokens.access_token);
    expect(tokens.access_token).not.toBe(before);
    await expect(api.org.auditLog.query({ organization_name: org.organization_name })).resolves.toBeDefined();
    await api.admin.logout.mutate();
    expect(await storage.load()).toBeNull();
  });

  it('keeps the tokens of an accepted invitation and of an organization switch, so later calls act there', async () => {
    const storage = createMemoryTokenStorage();
    const { org, api } = await signedInClient(storage);
    const other = newOrg();
    const anonymous = createOrgSphereClient({ url: server.url });
    await anonymous.org.create.mutate(other);
    const otherLogin = await anonymous.admin.login.mutate({ email: other.email, password: other.password });
    const otherOwner = createOrgSphereClient({ url: server.url, token: otherLogin.access_token });
    const invitation = await otherOwner.invitations.create.mutate({ email: org.email, role: 'member' });
    const token = new URL(invitation.accept_link!).searchParams.get('token')!;

    const accepted = await api.invitations.accept.mutate({ token });
    expect((await storage.load())?.accessToken).toBe(accepted.access_token);
    await expect(api.me.get.query({})).resolves.toMatchObject({ organization_id: otherLogin.organization_id });

    const switched = await api.me.switchOrganization.mutate({ organization_name: org.organization_name });
    expect((await storage.load())?.accessToken).toBe(switched.access_token);
    expect(switched.organization_id).not.toBe(otherLogin.organization_id);
    await expect(api.me.get.query({})).resolves.toMatchObject({ organization_id: switched.organization_id });
  });
});
