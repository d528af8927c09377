import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, findInconsistencies, startTestServer, type TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import { createTeam, tokenOf, uniquePerson } from './members/team.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;
let tenant: (label?: string) => Promise<Tenant>;

beforeAll(async () => {
  ({ server, api, tenant } = await openArena());
});
afterAll(() => server.close());

const withData = async (label: string) => {
  const org = await tenant(label);
  const collection = (await api.getOrg(org.organization_name)).body.collection_name as string;
  await server.db.collection(collection).insertMany(Array.from({ length: 25 }, (_, n) => ({ n, label })));
  return { ...org, collection, before: await collectionChecksum(server.db, collection) };
};

const softDelete = async (org: Tenant) => {
  const response = await api.deleteOrg(org.organization_name, org.token);
  expect(response.status).toBe(200);
  return response.body as { restore_token: string; purge_after: string; message: string };
};

describe('restore', () => {
  it('brings the organization back whole with the restore token, which then works no more', async () => {
    const org = await withData('Restorable');
    const deleted = await softDelete(org);
    expect(new Date(deleted.purge_after).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const restored = await api.restoreOrg({
      organization_name: org.organization_name,
      restore_token: deleted.restore_token,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      organization_id: org.organizationId,
      organization_name: org.organization_name,
    });
    expect((await api.getOrg(org.organization_name)).status).toBe(200);
    expect(await collectionChecksum(server.db, org.collection)).toEqual(org.before);

    // Tokens from before the deletion stay dead; a fresh login works.
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, email: 'x@y.test' }, org.token)).status,
    ).toBe(401);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(200);
    const again = await api.restoreOrg({
      organization_name: org.organization_name,
      restore_token: deleted.restore_token,
    });
    expect(again.status).toBe(404);
    expect(await findInconsistencies(server.db)).toEqual([]);
  });

  it("accepts the admin's own email and password instead of the token, though login itself is refused", async () => {
    const org = await withData('ByLogin');
    await softDelete(org);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(401);
    const restored = await api.restoreOrg({
      organization_name: org.organization_name,
      email: org.email,
      password: org.password,
    });
    expect(restored.status).toBe(200);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(200);
  });

  it('refuses a wrong token, wrong credentials or another admin (401), and a missing proof (400)', async () => {
    const org = await withData('Guarded');
    const other = await tenant('OtherOwner');
    await softDelete(org);
    const name = org.organization_name;
    const attempts = {
      token: await api.restoreOrg({ organization_name: name, restore_token: 'not-the-token' }),
      password: await api.restoreOrg({ organization_name: name, email: org.email, password: 'Wrong-password-1' }),
      other: await api.restoreOrg({ organization_name: name, email: other.email, password: other.password }),
    };
    for (const [what, response] of Object.entries(attempts)) {
      expect({ what, status: response.status, appCode: response.body.data.appCode }).toEqual({
        what,
        status: 401,
        appCode: 'INVALID_CREDENTIALS',
      });
    }
    const none = await api.restoreOrg({ organization_name: name });
    expect(none.status).toBe(400);
    expect(none.body.data).toMatchObject({ appCode: 'VALIDATION_FAILED', field: 'restore_token' });
    expect((await api.getOrg(name)).status).toBe(404);
  });

  it('answers 404 for an organization that is not deleted or does not exist', async () => {
    const org = await tenant('Alive');
    const alive = await api.restoreOrg({ organization_name: org.organization_name, restore_token: 'x' });
    expect(alive.status).toBe(404);
    expect(alive.body.message).toContain('No deleted organization');
    expect((await api.restoreOrg({ organization_name: 'Never Existed 9', restore_token: 'x' })).status).toBe(404);
  });
});

describe('purge of a deleted organization by its owner', () => {
  it('needs the name repeated in confirm_purge, then drops everything and frees the name', async () => {
    const org = await withData('OwnerPurge');
    const deleted = await softDelete(org);
    const name = org.organization_name;
    const unconfirmed = await api.purgeOrg({
      organization_name: name,
      restore_token: deleted.restore_token,
      confirm_purge: 'Not It',
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.data.field).toBe('confirm_purge');
    expect((await api.purgeOrg({ organization_name: name, restore_token: 'wrong', confirm_purge: name })).status).toBe(
      401,
    );
    expect(await collectionChecksum(server.db, org.collection)).toEqual(org.before);

    const purged = await api.purgeOrg({
      organization_name: name,
      restore_token: deleted.restore_token,
      confirm_purge: name,
    });
    expect(purged.status).toBe(200);
    expect(purged.body).toMatchObject({ organization_id: org.organizationId, purge_after: null, restore_token: null });
    expect(await server.db.collection('organizations').countDocuments({ _id: org.organizationId as never })).toBe(0);
    expect(await server.db.collection(org.collection).countDocuments()).toBe(0);
    expect((await api.restoreOrg({ organization_name: name, restore_token: deleted.restore_token })).status).toBe(404);
    expect((await api.createOrg({ ...uniqueOrg(), organization_name: name })).status).toBe(201);
    expect(await findInconsistencies(server.db)).toEqual([]);
  });
});

describe('the grace period', () => {
  let short: TestServer;
  let shortApi: RestClient;
  beforeAll(async () => {
    short = await startTestServer(inject('mongoUri'), { deletionGracePeriodSeconds: 1 });
    shortApi = restClient(short.url);
  });
  afterAll(() => short.close());

  it('ends restores; the reconciler then purges the data and frees the name, leaving younger deletions alone', async () => {
    const org = uniqueOrg('Expiring');
    const created = (await shortApi.createOrg(org)).body;
    await short.db.collection(created.collection_name).insertOne({ kept: 'until purge' });
    const token = (await shortApi.login({ email: org.email, password: org.password })).body.access_token as string;
    const deleted = (await shortApi.deleteOrg(org.organization_name, token)).body;

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const late = await shortApi.restoreOrg({
      organization_name: org.organization_name,
      restore_token: deleted.restore_token,
    });
    expect(late.status).toBe(404);
    expect(late.body.message).toContain('grace period ended');
    // Not purged yet: the name is held until the purger has run.
    expect((await shortApi.createOrg({ ...uniqueOrg(), organization_name: org.organization_name })).status).toBe(409);

    const younger = uniqueOrg('Younger');
    await api.createOrg(younger);
    const youngerToken = (await api.login({ email: younger.email, password: younger.password })).body.access_token;
    expect((await api.deleteOrg(younger.organization_name, youngerToken)).status).toBe(200);

    const report = await short.services.reconcile({ staleAfterMs: 0 });
    expect(report.purged).toEqual([created.organization_id]);
    expect(report.failed).toEqual([]);
    expect(await short.db.collection('organizations').countDocuments({ _id: created.organization_id })).toBe(0);
    expect(await short.db.collection('memberships').countDocuments({ organization_id: created.organization_id })).toBe(
      0,
    );
    const names = (await short.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain(created.collection_name);
    expect(await findInconsistencies(short.db)).toEqual([]);
    expect((await shortApi.createOrg({ ...uniqueOrg(), organization_name: org.organization_name })).status).toBe(201);

    // The default-grace server's deletion is not due: its own reconciler leaves it.
    expect((await server.services.reconcile({ staleAfterMs: 0 })).purged).toEqual([]);
  });
});

describe('soft delete with members', () => {
  it('is an owner permission; members of it lose it at once but keep their other organizations', async () => {
    const team = await createTeam(api, 'SoftTeam');
    const name = team.organization_name;
    const { admin, member } = team.byRole;
    for (const person of [admin, member]) {
      const refused = await api.deleteOrg(name, person.token);
      expect(refused.status).toBe(403);
      expect(refused.body.data.appCode).toBe('FORBIDDEN');
      expect((await api.deleteOrg(name, person.token, { confirmPurge: name })).status).toBe(403);
    }
    // The member also belongs to another organization, and there is an invitation pending here.
    const other = await tenant('MemberElsewhere');
    const invitedElsewhere = await api.send('POST', '/invitations', {
      token: other.token,
      body: { email: member.email, role: 'member' },
    });
    const joined = await api.send('POST', '/invitations/accept', {
      token: member.token,
      body: { token: tokenOf(invitedElsewhere.body.accept_link as string) },
    });
    expect(joined.status).toBe(200);
    const elsewhereToken = joined.body.access_token as string;
    const pending = await api.send('POST', '/invitations', {
      token: team.owner.token,
      body: { email: uniquePerson('late').email, role: 'member' },
    });
    expect(pending.status).toBe(200);

    const deleted = await softDelete({ ...team.owner, organization_name: name } as unknown as Tenant);
    // Tokens, refresh tokens, logins and invitations of the deleted organization stop at once.
    expect((await api.send('GET', '/members', { token: admin.token })).status).toBe(401);
    expect((await api.send('POST', '/admin/refresh', { body: { refresh_token: admin.refreshToken } })).status).toBe(
      401,
    );
    expect((await api.login({ email: admin.email, password: admin.password })).status).toBe(401);
    expect((await api.login({ email: member.email, password: member.password, organization_name: name })).status).toBe(
      404,
    );
    const late = await api.send('POST', '/invitations/accept', {
      body: { token: tokenOf(pending.body.accept_link as string), display_name: 'Late', password: 'Late-pass-123' },
    });
    expect(late.status).toBe(404);
    // The member's other organization is untouched: their session there works, and so does a login.
    expect((await api.send('GET', '/members', { token: elsewhereToken })).status).toBe(200);
    const login = await api.login({ email: member.email, password: member.password });
    expect(login.status).toBe(200);
    expect(login.body.organization_id).toBe(other.organizationId);
    // An admin's credentials do not restore; an owner's do.
    expect(
      (await api.restoreOrg({ organization_name: name, email: admin.email, password: admin.password })).status,
    ).toBe(401);
    expect(deleted.restore_token).toBeTypeOf('string');
    const restored = await api.restoreOrg({
      organization_name: name,
      email: team.owner.email,
      password: team.owner.password,
    });
    expect(restored.status).toBe(200);
    // Back with its members and invitations; the sessions from before stay ended, other ones do not.
    expect((await api.send('GET', '/members', { token: admin.token })).status).toBe(401);
    expect((await api.send('GET', '/members', { token: elsewhereToken })).status).toBe(200);
    const adminAgain = await api.login({ email: admin.email, password: admin.password });
    expect(adminAgain.status).toBe(200);
    const members = await api.send('GET', '/members', { token: adminAgain.body.access_token as string });
    expect(members.body.members).toHaveLength(3);
    const invitations = await api.send('GET', '/invitations', { token: adminAgain.body.access_token as string });
    expect(invitations.body.invitations.filter((i: { state: string }) => i.state === 'pending')).toHaveLength(1);
    expect(await findInconsistencies(server.db)).toEqual([]);
  });
});
