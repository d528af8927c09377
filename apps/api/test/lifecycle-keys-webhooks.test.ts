import { createPasswordHasher } from '@orgsphere/core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testPasswordHashCost, type TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import type { RestClient } from './rest-helpers.js';
import { startReceiver, type ReceivedRequest, dispatchAll as dispatchAllOf } from './webhooks/receiver.js';

/** Where the tenant lifecycle meets API keys and webhooks: soft delete, restore, suspend, purge. */

const operator = { email: 'ops@lifecycle-keys.test', password: 'Operator-pass-42' };

let server: TestServer;
let api: RestClient;
let tenant: (label?: string) => Promise<Tenant>;
let operatorToken: string;

beforeAll(async () => {
  const passwordHash = await createPasswordHasher(testPasswordHashCost).hash(operator.password);
  ({ server, api, tenant } = await openArena({ operators: [{ email: operator.email, passwordHash }] }));
  const login = await api.send('POST', '/operator/login', { body: operator });
  expect(login.status).toBe(200);
  operatorToken = login.body.access_token;
});
afterAll(() => server.close());

const issueKey = async (org: Tenant, scopes: string[]) => {
  const created = await api.send('POST', '/api-keys', { token: org.token, body: { name: 'service', scopes } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body as { api_key_id: string; secret: string };
};

const listMembers = (key: string) => api.send('GET', '/members', { token: key });
const codeOf = (response: { status: number; body: any }) => [response.status, response.body?.data?.appCode ?? null];

const softDelete = async (org: Tenant) => {
  const deleted = await api.deleteOrg(org.organization_name, org.token);
  expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
  return deleted.body as { restore_token: string; purge_after: string };
};

const keysOf = (org: Tenant) =>
  server.db.collection('api_keys').find({ organization_id: org.organizationId }).sort({ _id: 1 }).toArray();
const endpointsOf = (org: Tenant) =>
  server.db.collection('webhook_endpoints').find({ organization_id: org.organizationId }).toArray();

const dispatchAll = () => dispatchAllOf(server);

describe('API keys across the tenant lifecycle', () => {
  it('refuses a key of a soft-deleted organization with 401 API_KEY_REVOKED, changing nothing, and accepts it after restore', async () => {
    const org = await tenant('KeyRestore');
    const key = await issueKey(org, ['members.read']);
    expect((await listMembers(key.secret)).status).toBe(200);
    await server.services.flushApiKeyUses();
    const before = await keysOf(org);

    const deleted = await softDelete(org);
    expect(codeOf(await listMembers(key.secret))).toEqual([401, 'API_KEY_REVOKED']);
    expect(await keysOf(org)).toEqual(before);

    const restored = await api.restoreOrg({
      organization_name: org.organization_name,
      restore_token: deleted.restore_token,
    });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const again = await listMembers(key.secret);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.members.map((m: { email: string }) => m.email)).toContain(org.email);
  });

  it('answers a key of a suspended organization with 403 ORG_SUSPENDED, and serves it again once unsuspended', async () => {
    const org = await tenant('KeySuspend');
    const key = await issueKey(org, ['members.read', 'members.invite']);
    const suspend = await api.send('POST', '/operator/suspend', {
      token: operatorToken,
      body: { organization_id: org.organizationId },
    });
    expect(suspend.status).toBe(200);
    expect(codeOf(await listMembers(key.secret))).toEqual([403, 'ORG_SUSPENDED']);
    const invite = await api.send('POST', '/invitations', { token: key.secret, body: { email: 'x@suspended.test' } });
    expect(codeOf(invite)).toEqual([403, 'ORG_SUSPENDED']);
    expect(await server.db.collection('invitations').countDocuments({ organization_id: org.organizationId })).toBe(0);

    const unsuspend = await api.send('POST', '/operator/unsuspend', {
      token: operatorToken,
      body: { organization_id: org.organizationId },
    });
    expect(unsuspend.status).toBe(200);
    expect((await listMembers(key.secret)).status).toBe(200);
  });

  it('lets no key restore or purge: those take the owner in person', async () => {
    const org = await tenant('KeyPurge');
    const key = await issueKey(org, ['org.delete', 'members.read']);
    // An immediate purge through DELETE /org/delete, even with the org.delete scope.
    const purgeNow = await api.send(
      'DELETE',
      `/org/delete?${new URLSearchParams({ organization_name: org.organization_name, confirm_purge: org.organization_name }).toString()}`,
      { token: key.secret },
    );
    expect(codeOf(purgeNow)).toEqual([403, 'API_KEY_NOT_ALLOWED']);
    expect((await api.getOrg(org.organization_name)).status).toBe(200);

    const deleted = await softDelete(org);
    const proof = { organization_name: org.organization_name, restore_token: deleted.restore_token };
    const restore = await api.send('POST', '/org/restore', { token: key.secret, body: proof });
    expect(codeOf(restore)).toEqual([403, 'API_KEY_NOT_ALLOWED']);
    const purge = await api.send('POST', '/org/purge', {
      token: key.secret,
      body: { ...proof, confirm_purge: org.organization_name },
    });
    expect(codeOf(purge)).toEqual([403, 'API_KEY_NOT_ALLOWED']);
    const stored = await server.db.collection('organizations').findOne({ _id: org.organizationId as never });
    expect(stored?.state).toBe('deleted');
    // The same proof without the key is the owner's, and restores.
    expect((await api.restoreOrg(proof)).status).toBe(200);
  });

  it('removes the keys and webhook endpoints of a purged organization', async () => {
    const org = await tenant('KeyGone');
    const key = await issueKey(org, ['members.read']);
    const endpoint = await api.send('POST', '/webhooks/endpoints', {
      token: org.token,
      body: { url: 'http://127.0.0.1:9/gone', event_types: ['organization.purged'] },
    });
    expect(endpoint.status).toBe(200);
    const deleted = await softDelete(org);
    expect(await keysOf(org)).toHaveLength(1);
    expect(await endpointsOf(org)).toHaveLength(1);

    const purged = await api.purgeOrg({
      organization_name: org.organization_name,
      restore_token: deleted.restore_token,
      confirm_purge: org.organization_name,
    });
    expect(purged.status, JSON.stringify(purged.body)).toBe(200);
    expect(await keysOf(org)).toEqual([]);
    expect(codeOf(await listMembers(key.secret))).toEqual([401, 'API_KEY_INVALID']);
    // The endpoint stays only for its organization.purged retries, then the sweep removes it.
    const [retiring] = await endpointsOf(org);
    expect(retiring?.retire_after).toBeInstanceOf(Date);
    const afterRetries = new Date((retiring?.retire_after as Date).getTime() + 1);
    expect(await server.services.repositories.webhookEndpoints.deleteRetired(afterRetries)).toBeGreaterThanOrEqual(1);
    expect(await endpointsOf(org)).toEqual([]);
  });
});

describe('lifecycle webhooks at a real receiver', () => {
  it('sends organization.deleted (with purge_after), organization.restored and organization.purged, signed', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const org = await tenant('HookLife');
      const created = await api.send('POST', '/webhooks/endpoints', {
        token: org.token,
        body: {
          url: receiver.url,
          event_types: ['organization.deleted', 'organization.restored', 'organization.purged'],
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const secret = created.body.secret as string;

      const first = await softDelete(org);
      await dispatchAll();
      const restored = await api.restoreOrg({
        organization_name: org.organization_name,
        restore_token: first.restore_token,
      });
      expect(restored.status).toBe(200);
      await dispatchAll();
      const login = await api.login({ email: org.email, password: org.password });
      const second = await softDelete({ ...org, token: login.body.access_token });
      const purged = await api.purgeOrg({
        organization_name: org.organization_name,
        restore_token: second.restore_token,
        confirm_purge: org.organization_name,
      });
      expect(purged.status, JSON.stringify(purged.body)).toBe(200);
      await dispatchAll();

      // An independent implementation of Standard Webhooks verifies every request.
      const verified = receiver.requests.map(
        (request: ReceivedRequest) =>
          new Webhook(secret).verify(request.body, {
            'webhook-id': String(request.headers['webhook-id']),
            'webhook-timestamp': String(request.headers['webhook-timestamp']),
            'webhook-signature': String(request.headers['webhook-signature']),
          }) as { type: string; data: { organization_id: string; purge_after?: string } },
      );
      expect(verified.map((event) => event.type)).toEqual([
        'organization.deleted',
        'organization.restored',
        'organization.deleted',
        'organization.purged',
      ]);
      expect(verified.every((event) => event.data.organization_id === org.organizationId)).toBe(true);
      expect(verified[0]?.data.purge_after).toBe(first.purge_after);
      expect(verified[2]?.data.purge_after).toBe(second.purge_after);
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(4);
    } finally {
      await receiver.close();
    }
  });
});
