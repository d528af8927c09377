import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { snapshotData, startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, type RestClient } from '../rest-helpers.js';
import { createTeam, join, uniquePerson, type Team } from '../members/team.js';

/** A clock the test moves: expiry and rotation grace are judged against it. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let server: TestServer;
let api: RestClient;
let team: Team;

beforeAll(async () => {
  // Uses are flushed only when the test says so, so a snapshot never races the timer.
  server = await startTestServer(inject('mongoUri'), { clock, apiKeyLastUsedFlushMs: 3_600_000 });
  api = restClient(server.url);
  team = await createTeam(api, 'Keys');
});
afterAll(() => server.close());

const issue = async (token: string, body: Record<string, unknown>) => {
  const response = await api.send('POST', '/api-keys', { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { api_key_id: string; secret: string; prefix: string; scopes: string[] };
};

const members = (key: string) => api.send('GET', '/members', { token: key });

/** A refused key: the status and code it gets, and proof that nothing stored changed. */
const expectRefused = async (key: string, status: number, appCode: string) => {
  const before = await snapshotData(server.db);
  const attempts = [
    await members(key),
    await api.send('POST', '/invitations', { token: key, body: { email: uniquePerson('x').email } }),
    await api.send('POST', '/members/remove', { token: key, body: { user_id: team.byRole.member.userId } }),
  ];
  for (const response of attempts) {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.data.appCode).toBe(appCode);
  }
  expect(await snapshotData(server.db)).toBe(before);
};

describe('organization API keys', () => {
  it('lists the scopes each role may give, and a key with all of them is issued (one more is refused)', async () => {
    const grantable = async (token: string) =>
      ((await api.send('GET', '/api-keys', { token })).body as { grantable_scopes: string[] }).grantable_scopes;
    const owners = await grantable(team.owner.token);
    const admins = await grantable(team.byRole.admin.token);
    expect(admins.length).toBeGreaterThan(0);
    expect(owners).toEqual(expect.arrayContaining(admins));
    const ownerOnly = owners.filter((scope) => !admins.includes(scope));
    expect(ownerOnly.length).toBeGreaterThan(0);
    await issue(team.owner.token, { name: 'all of the owner', scopes: owners });
    await issue(team.byRole.admin.token, { name: 'all of the admin', scopes: admins });
    const beyond = await api.send('POST', '/api-keys', {
      token: team.byRole.admin.token,
      body: { name: 'too much', scopes: [...admins, ownerOnly[0]] },
    });
    expect(beyond.status, JSON.stringify(beyond.body)).toBeGreaterThanOrEqual(400);
    expect(beyond.status).toBeLessThan(500);
  });

  it('shows the secret once and stores only its hash', async () => {
    const key = await issue(team.owner.token, { name: 'ci', scopes: ['members.read', 'members.invite'] });
    expect(key.secret).toMatch(/^osk_test_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const stored = await server.db.collection('api_keys').findOne({ _id: key.api_key_id as never });
    expect(JSON.stringify(stored)).not.toContain(key.secret.slice(key.prefix.length));
    expect(stored?.secret_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = await api.send('GET', '/api-keys', { token: team.owner.token });
    const entry = listed.body.api_keys.find((k: { api_key_id: string }) => k.api_key_id === key.api_key_id);
    expect(entry).toMatchObject({
      name: 'ci',
      prefix: key.prefix,
      scopes: ['members.read', 'members.invite'],
      created_by: team.owner.userId,
      state: 'active',
      expires_at: null,
      last_used_at: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(key.secret);
  });

  it('authenticates on REST and tRPC in place of an access token, within its organization', async () => {
    const key = await issue(team.owner.token, { name: 'reader', scopes: ['members.read'] });
    const rest = await members(key.secret);
    expect(rest.status).toBe(200);
    expect(rest.body.organization_id).toBe(team.organizationId);
    const trpc = await fetch(`${server.url}/trpc/members.list?input=${encodeURIComponent('{}')}`, {
      headers: { authorization: `Bearer ${key.secret}` },
    });
    expect(trpc.status).toBe(200);
    expect(((await trpc.json()) as { result: { data: { organization_id: string } } }).result.data.organization_id).toBe(
      team.organizationId,
    );
  });

  it('never gives a key more than its creator holds, nor a person-only permission', async () => {
    const admin = team.byRole.admin.token;
    for (const scopes of [['org.delete'], ['owners.manage'], ['apiKeys.manage']]) {
      const before = await snapshotData(server.db);
      const response = await api.send('POST', '/api-keys', { token: admin, body: { name: 'too much', scopes } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.data.appCode).toBe('API_KEY_SCOPE_INVALID');
      expect(await snapshotData(server.db)).toBe(before);
    }
    const member = await api.send('POST', '/api-keys', {
      token: team.byRole.member.token,
      body: { name: 'mine', scopes: ['org.read'] },
    });
    expect(member.status).toBe(403);
  });

  it('refuses malformed, unknown, revoked and expired keys with distinct codes, changing nothing', async () => {
    await expectRefused('osk_live_short', 401, 'API_KEY_MALFORMED');
    await expectRefused(`osk_live_${'A'.repeat(43)}`, 401, 'API_KEY_INVALID');

    const revoked = await issue(team.owner.token, { name: 'to revoke', scopes: ['members.read', 'members.invite'] });
    expect((await members(revoked.secret)).status).toBe(200);
    const revoke = await api.send('POST', '/api-keys/revoke', {
      token: team.owner.token,
      body: { api_key_id: revoked.api_key_id },
    });
    expect(revoke.body.state).toBe('revoked');
    await expectRefused(revoked.secret, 401, 'API_KEY_REVOKED');

    const expiring = await issue(team.owner.token, {
      name: 'short-lived',
      scopes: ['members.read', 'members.remove'],
      expires_at: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    expect((await members(expiring.secret)).status).toBe(200);
    offsetMs += 61_000;
    await expectRefused(expiring.secret, 401, 'API_KEY_EXPIRED');
  });

  it("refuses a key acting on another organization (403) and leaves that organization's data unchanged", async () => {
    const other = await createTeam(api, 'Other');
    const key = await issue(other.owner.token, { name: 'theirs', scopes: ['org.rename', 'audit.read'] });
    const before = await snapshotData(server.db);
    const rename = await api.updateOrg(
      { organization_name: team.organization_name, new_organization_name: `${team.organization_name} x` },
      key.secret,
    );
    expect(rename.status).toBe(403);
    expect(rename.body.data.appCode).toBe('FORBIDDEN');
    const audit = await api.send(
      'GET',
      `/org/audit-log?organization_name=${encodeURIComponent(team.organization_name)}`,
      {
        token: key.secret,
      },
    );
    expect(audit.status).toBe(403);
    expect(await snapshotData(server.db)).toBe(before);
    // Another organization's key does not exist for this one's admins either.
    const revoke = await api.send('POST', '/api-keys/revoke', {
      token: team.owner.token,
      body: { api_key_id: key.api_key_id },
    });
    expect(revoke.status).toBe(404);
  });

  it('rotates: both secrets work during the grace period, the old one is refused after it', async () => {
    const key = await issue(team.owner.token, { name: 'rotating', scopes: ['members.read', 'members.invite'] });
    const rotated = await api.send('POST', '/api-keys/rotate', {
      token: team.owner.token,
      body: { api_key_id: key.api_key_id, grace_seconds: 600 },
    });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(key.secret);
    expect(rotated.body.previous_secret_valid_until).not.toBeNull();
    expect((await members(key.secret)).status).toBe(200);
    expect((await members(fresh)).status).toBe(200);
    offsetMs += 599_000;
    expect((await members(key.secret)).status).toBe(200);
    offsetMs += 2_000;
    await expectRefused(key.secret, 401, 'API_KEY_ROTATED');
    expect((await members(fresh)).status).toBe(200);

    const tooLong = await api.send('POST', '/api-keys/rotate', {
      token: team.owner.token,
      body: { api_key_id: key.api_key_id, grace_seconds: 86_401 },
    });
    expect(tooLong.status).toBe(400);
    // An admin may not rotate (and so obtain) a key holding more than admins hold.
    const ownerOnly = await issue(team.owner.token, { name: 'owner scopes', scopes: ['org.delete'] });
    const byAdmin = await api.send('POST', '/api-keys/rotate', {
      token: team.byRole.admin.token,
      body: { api_key_id: ownerOnly.api_key_id },
    });
    expect(byAdmin.status).toBe(400);
    expect(byAdmin.body.data.appCode).toBe('API_KEY_SCOPE_INVALID');
  });

  it('refuses a key where a person is meant (403 API_KEY_NOT_ALLOWED)', async () => {
    const key = await issue(team.owner.token, { name: 'all', scopes: ['members.read', 'org.settings'] });
    for (const [method, path, body] of [
      ['GET', '/me', undefined],
      ['POST', '/admin/logout', {}],
      ['POST', '/admin/change-password', { current_password: 'x-x-x-x-x', new_password: 'Brand-new-pass-77' }],
      ['POST', '/me/switch-organization', { organization_name: team.organization_name }],
      ['POST', '/api-keys', { name: 'child', scopes: ['members.read'] }],
    ] as const) {
      const response = await api.send(method, path, { token: key.secret, ...(body ? { body } : {}) });
      expect(response.status, `${path} ${JSON.stringify(response.body)}`).toBe(403);
      expect(response.body.data.appCode).toBe('API_KEY_NOT_ALLOWED');
    }
    // org.settings changes a person's email or password: not a key's to do.
    const settings = await api.updateOrg(
      { organization_name: team.organization_name, email: uniquePerson('k').email },
      key.secret,
    );
    expect(settings.status).toBe(403);
    expect(settings.body.data.appCode).toBe('API_KEY_NOT_ALLOWED');
  });

  it('audits key management and records the key as the actor of what it changes', async () => {
    const key = await issue(team.owner.token, { name: 'inviter', scopes: ['members.invite'] });
    const invited = await api.send('POST', '/invitations', {
      token: key.secret,
      body: { email: uniquePerson('by-key').email },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    const log = await api.send(
      'GET',
      `/org/audit-log?organization_name=${encodeURIComponent(team.organization_name)}`,
      {
        token: team.owner.token,
      },
    );
    const events = log.body.events as Record<string, unknown>[];
    expect(events.find((e) => e.action === 'invitation.create')).toMatchObject({
      actor_kind: 'api_key',
      actor_api_key_id: key.api_key_id,
      actor_admin_id: null,
      outcome: 'success',
    });
    expect(events.find((e) => e.action === 'apiKey.create' && e.subject === key.api_key_id)).toMatchObject({
      actor_kind: 'user',
      actor_admin_id: team.owner.userId,
    });
    expect(events.some((e) => e.action === 'apiKey.revoke')).toBe(true);
    expect(events.some((e) => e.action === 'apiKey.rotate')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(key.secret);
  });

  it('records last use in memory and writes it on flush, not per request', async () => {
    const key = await issue(team.owner.token, { name: 'busy', scopes: ['members.read'] });
    for (let i = 0; i < 5; i += 1) expect((await members(key.secret)).status).toBe(200);
    const stored = () => server.db.collection('api_keys').findOne({ _id: key.api_key_id as never });
    expect((await stored())?.last_used_at).toBeNull();
    const listed = await api.send('GET', '/api-keys', { token: team.owner.token });
    const entry = listed.body.api_keys.find((k: { api_key_id: string }) => k.api_key_id === key.api_key_id);
    expect(entry.last_used_at).not.toBeNull();
    await server.services.flushApiKeyUses();
    expect((await stored())?.last_used_at).toBeInstanceOf(Date);
  });

  it("refuses an organization's keys once it is deleted, and removes them when it is purged", async () => {
    const doomed = await createTeam(api, 'Doomed');
    const key = await issue(doomed.owner.token, { name: 'doomed', scopes: ['members.read', 'org.delete'] });
    await join(api, doomed.owner.token, 'member', 'extra');
    expect((await members(key.secret)).status).toBe(200);
    const keysOf = () => server.db.collection('api_keys').countDocuments({ organization_id: doomed.organizationId });
    const deleted = await api.deleteOrg(doomed.organization_name, doomed.owner.token);
    expect(deleted.status).toBe(200);
    // Soft deleted: refused at once, kept so that a restore brings it back.
    const refused = await members(key.secret);
    expect([refused.status, refused.body.data.appCode]).toEqual([401, 'API_KEY_REVOKED']);
    expect(await keysOf()).toBe(1);
    const purged = await api.purgeOrg({
      organization_name: doomed.organization_name,
      restore_token: deleted.body.restore_token,
      confirm_purge: doomed.organization_name,
    });
    expect(purged.status, JSON.stringify(purged.body)).toBe(200);
    expect(await keysOf()).toBe(0);
    const unknown = await members(key.secret);
    expect([unknown.status, unknown.body.data.appCode]).toEqual([401, 'API_KEY_INVALID']);
  });
});
