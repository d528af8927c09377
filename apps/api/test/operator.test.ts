import { createPasswordHasher } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testPasswordHashCost, type TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import { createTeam, tokenOf, uniquePerson } from './members/team.js';
import { uniqueOrg, type RestClient } from './rest-helpers.js';

const operator = { email: 'ops@platform.test', password: 'Operator-pass-42' };

let server: TestServer;
let api: RestClient;
let tenant: (label?: string) => Promise<Tenant>;
let token: string;

beforeAll(async () => {
  const passwordHash = await createPasswordHasher(testPasswordHashCost).hash(operator.password);
  ({ server, api, tenant } = await openArena({ operators: [{ email: operator.email, passwordHash }] }));
  const login = await api.send('POST', '/operator/login', { body: operator });
  expect(login.status).toBe(200);
  token = login.body.access_token;
});
afterAll(() => server.close());

const asOperator = (method: string, path: string, body?: unknown) =>
  api.send(method, path, { token, ...(body === undefined ? {} : { body }) });
const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe('operator authentication', () => {
  it('refuses a wrong password and admin credentials, and keeps admin and operator tokens apart', async () => {
    const admin = await tenant('AdminNotOperator');
    const wrong = await api.send('POST', '/operator/login', { body: { ...operator, password: 'Wrong-pass-42' } });
    expect(wrong.status).toBe(401);
    const asAdmin = await api.send('POST', '/operator/login', {
      body: { email: admin.email, password: admin.password },
    });
    expect(asAdmin.status).toBe(401);

    expect((await api.send('GET', '/operator/organizations')).status).toBe(401);
    expect((await api.send('GET', '/operator/organizations', { token: admin.token })).status).toBe(401);
    const audit = await api.send('GET', `/org/audit-log${query({ organization_name: admin.organization_name })}`, {
      token,
    });
    expect(audit.status).toBe(401);
  });
});

describe('listing organizations', () => {
  it('pages by creation time with a cursor, filtered by name prefix and by state', async () => {
    const label = `Listed${Date.now().toString(36)}`;
    const created: Tenant[] = [];
    for (let i = 0; i < 7; i += 1) created.push(await tenant(`${label} n${i}`));
    const ids = created.map((org) => org.organizationId);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await asOperator(
        'GET',
        `/operator/organizations${query({ name_prefix: label, limit: '3', ...(cursor ? { cursor } : {}) })}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.organizations.map((org: { organization_id: string }) => org.organization_id));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const doomed = created[2]!;
    expect((await api.deleteOrg(doomed.organization_name, doomed.token)).status).toBe(200);
    const deleted = await asOperator(
      'GET',
      `/operator/organizations${query({ name_prefix: label, state: 'deleted' })}`,
    );
    expect(deleted.body.organizations).toHaveLength(1);
    expect(deleted.body.organizations[0]).toMatchObject({ organization_id: doomed.organizationId, state: 'deleted' });
    expect(deleted.body.organizations[0].purge_after).toBeTypeOf('string');
  });

  it('refuses a forged cursor with 400', async () => {
    const bad = await asOperator('GET', `/operator/organizations${query({ cursor: 'not-a-cursor' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.data).toMatchObject({ appCode: 'VALIDATION_FAILED', field: 'cursor' });
  });

  it('counts organizations per state', async () => {
    const counts = await asOperator('GET', '/operator/organization-counts');
    expect(counts.status).toBe(200);
    for (const state of ['active', 'deleted', 'suspended']) {
      expect(counts.body[state]).toBe(await server.db.collection('organizations').countDocuments({ state }));
    }
  });
});

describe('suspension', () => {
  it('makes the organization answer 403 ORG_SUSPENDED to everything but operator reads, until unsuspended', async () => {
    const org = await tenant('Suspended');
    const id = { organization_id: org.organizationId };
    const suspended = await asOperator('POST', '/operator/suspend', id);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ state: 'suspended', admin_email: org.email });

    const name = org.organization_name;
    const refusals = {
      get: await api.getOrg(name),
      update: await api.updateOrg({ organization_name: name, email: 'new@x.test' }, org.token),
      delete: await api.deleteOrg(name, org.token),
      audit: await api.send('GET', `/org/audit-log${query({ organization_name: name })}`, { token: org.token }),
      login: await api.login({ email: org.email, password: org.password }),
      refresh: await api.send('POST', '/admin/refresh', { body: { refresh_token: org.refreshToken } }),
      restore: await api.restoreOrg({ organization_name: name, email: org.email, password: org.password }),
    };
    for (const [what, response] of Object.entries(refusals)) {
      expect({ what, status: response.status, appCode: response.body.data?.appCode }).toEqual({
        what,
        status: 403,
        appCode: 'ORG_SUSPENDED',
      });
    }
    // A wrong password learns nothing about the suspension.
    expect((await api.login({ email: org.email, password: 'Wrong-pass-42' })).status).toBe(401);
    expect((await api.createOrg({ ...uniqueOrg(), organization_name: name })).status).toBe(409);

    const read = await asOperator('GET', `/operator/organization${query(id)}`);
    expect(read.body).toMatchObject({ state: 'suspended', organization_name: name });
    const again = await asOperator('POST', '/operator/suspend', id);
    expect(again.body.state).toBe('suspended');

    expect((await asOperator('POST', '/operator/unsuspend', id)).body.state).toBe('active');
    expect((await api.getOrg(name)).status).toBe(200);
    expect((await api.updateOrg({ organization_name: name, password: 'Fresh-pass-42' }, org.token)).status).toBe(200);
  });

  it("stops a suspended organization's members, refresh tokens and invitations, not their other organizations", async () => {
    const team = await createTeam(api, 'SuspendedTeam');
    const { member } = team.byRole;
    const other = await tenant('MemberHome');
    const invited = await api.send('POST', '/invitations', {
      token: other.token,
      body: { email: member.email, role: 'member' },
    });
    const joined = await api.send('POST', '/invitations/accept', {
      token: member.token,
      body: { token: tokenOf(invited.body.accept_link as string) },
    });
    expect(joined.status).toBe(200);
    const pending = await api.send('POST', '/invitations', {
      token: team.owner.token,
      body: { email: uniquePerson('waiting').email, role: 'member' },
    });

    expect((await asOperator('POST', '/operator/suspend', { organization_id: team.organizationId })).status).toBe(200);
    for (const person of [team.owner, team.byRole.admin, member]) {
      const refused = await api.send('GET', '/members', { token: person.token });
      expect({ status: refused.status, appCode: refused.body.data.appCode }).toEqual({
        status: 403,
        appCode: 'ORG_SUSPENDED',
      });
    }
    const refresh = await api.send('POST', '/admin/refresh', { body: { refresh_token: team.owner.refreshToken } });
    expect(refresh.status).toBe(403);
    const accept = await api.send('POST', '/invitations/accept', {
      body: { token: tokenOf(pending.body.accept_link as string), display_name: 'W', password: 'Waiting-pass-123' },
    });
    expect(accept.body.data.appCode).toBe('ORG_SUSPENDED');
    // Naming it at login says why; the owner, in no other organization, hears it too.
    const named = await api.login({
      email: member.email,
      password: member.password,
      organization_name: team.organization_name,
    });
    expect(named.body.data.appCode).toBe('ORG_SUSPENDED');
    expect((await api.login({ email: team.owner.email, password: team.owner.password })).body.data.appCode).toBe(
      'ORG_SUSPENDED',
    );
    // The member's other organization is untouched, and a plain login lands there.
    expect((await api.send('GET', '/members', { token: joined.body.access_token as string })).status).toBe(200);
    const home = await api.login({ email: member.email, password: member.password });
    expect(home.status).toBe(200);
    expect(home.body.organization_id).toBe(other.organizationId);

    expect((await asOperator('POST', '/operator/unsuspend', { organization_id: team.organizationId })).status).toBe(
      200,
    );
    expect((await api.send('GET', '/members', { token: team.owner.token })).status).toBe(200);
  });

  it('refuses to suspend a deleted organization (409) and answers 404 for an unknown id', async () => {
    const org = await tenant('DeletedNotSuspended');
    expect((await api.deleteOrg(org.organization_name, org.token)).status).toBe(200);
    const refused = await asOperator('POST', '/operator/suspend', { organization_id: org.organizationId });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('deleted');
    expect((await asOperator('GET', `/operator/organization${query({ organization_id: 'nope' })}`)).status).toBe(404);
  });
});
