import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../src/testing/index.js';
import { openArena } from './arena.js';
import { uniqueOrg, type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  ({ server, api } = await openArena());
});
afterAll(() => server.close());

const collectionNames = async () =>
  (await server.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);

const createAndLogin = async (label?: string) => {
  const org = uniqueOrg(label);
  const created = await api.createOrg(org);
  expect(created.status).toBe(201);
  const login = await api.login({ email: org.email, password: org.password });
  expect(login.status).toBe(200);
  return { ...org, created: created.body, token: login.body.access_token as string };
};

describe('POST /org/create', () => {
  it('creates the organization, its admin and its tenant collection, and returns public metadata', async () => {
    const org = uniqueOrg('Acme');
    const response = await api.createOrg(org);

    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual([
      'admin_email',
      'admin_id',
      'collection_name',
      'created_at',
      'organization_id',
      'organization_name',
      'slug',
      'state',
      'updated_at',
    ]);
    expect(response.body.organization_name).toBe(org.organization_name);
    expect(response.body.collection_name).toBe(`org_${response.body.slug}`);
    expect(response.body.admin_email).toBe(org.email);
    expect(JSON.stringify(response.body)).not.toContain('argon2');

    const stored = await server.db.collection('organizations').findOne({ _id: response.body.organization_id });
    expect(stored).toMatchObject({ name: org.organization_name, state: 'active', admin_id: response.body.admin_id });
    const admin = await server.db.collection('users').findOne({ _id: response.body.admin_id });
    expect(
      await server.db
        .collection('memberships')
        .findOne({ organization_id: response.body.organization_id, user_id: response.body.admin_id }),
    ).toMatchObject({ role: 'owner' });
    expect(admin?.password_hash).toMatch(/^\$argon2id\$/);
    expect(admin?.password_hash).not.toContain(org.password);
    expect(await collectionNames()).toContain(response.body.collection_name);
  });

  it('treats names with the same slug as the same organization (409)', async () => {
    const org = uniqueOrg('Same Slug');
    expect((await api.createOrg(org)).status).toBe(201);
    const respelled = org.organization_name.toUpperCase().replaceAll(' ', '_');
    const response = await api.createOrg({ ...uniqueOrg(), organization_name: respelled });
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('already exists');
  });

  it('refuses an admin email that is already taken, case-insensitively (409), leaving nothing behind', async () => {
    const first = uniqueOrg();
    expect((await api.createOrg(first)).status).toBe(201);
    const second = { ...uniqueOrg('Second'), email: first.email.toUpperCase() };
    const before = await collectionNames();
    const response = await api.createOrg(second);
    expect(response.status).toBe(409);
    expect(response.body.data.field).toBe('email');
    expect((await api.getOrg(second.organization_name)).status).toBe(404);
    expect(await collectionNames()).toEqual(before);
  });

  it.each([
    ['a name too short', { organization_name: 'x' }, 'organization_name'],
    ['a name without letters or digits', { organization_name: '!!!' }, 'organization_name'],
    ['a reserved name', { organization_name: 'Admin' }, 'organization_name'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['a missing field', { email: undefined }, 'email'],
    ['a wrongly typed field', { organization_name: 42 }, 'organization_name'],
    ['an operator object instead of a string', { email: { $ne: null } }, 'email'],
  ])('answers 400 naming the field for %s', async (_label, override, field) => {
    const response = await api.createOrg({ ...uniqueOrg(), ...override });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('answers 400 for malformed JSON and 415 for a non-JSON body, never 5xx', async () => {
    const malformed = await api.send('POST', '/org/create', { rawBody: '{"organization_name": ' });
    expect(malformed.status).toBe(400);
    const form = await api.send('POST', '/org/create', {
      rawBody: 'organization_name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
  });

  it('lets exactly one of 10 concurrent creates of one name succeed, leaving one collection and one admin', async () => {
    const name = uniqueOrg('Race').organization_name;
    const attempts = Array.from({ length: 10 }, (_, i) => ({ ...uniqueOrg(`racer${i}`), organization_name: name }));
    const responses = await Promise.all(attempts.map((attempt) => api.createOrg(attempt)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);

    const winner = responses.find((r) => r.status === 201)!.body;
    expect(await server.db.collection('organizations').countDocuments({ slug: winner.slug })).toBe(1);
    const emails = attempts.map((a) => a.email);
    expect(await server.db.collection('users').countDocuments({ email: { $in: emails } })).toBe(1);
    expect((await collectionNames()).filter((c) => c === winner.collection_name)).toHaveLength(1);
  });
});

describe('GET /org/get', () => {
  it('reads an organization by any spelling of its name', async () => {
    const { created, organization_name } = await createAndLogin('Reader');
    const response = await api.getOrg(`  ${organization_name.toLowerCase()} `);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
  });

  it('answers 404 for an unknown organization and 400 for an invalid or missing name', async () => {
    expect((await api.getOrg('Nobody Here 123')).status).toBe(404);
    expect((await api.getOrg('x')).status).toBe(400);
    expect((await api.send('GET', '/org/get')).status).toBe(400);
  });
});

describe('POST /admin/login', () => {
  it('returns a bearer token naming the admin and the organization', async () => {
    const org = uniqueOrg();
    const created = (await api.createOrg(org)).body;
    const response = await api.login({ email: org.email.toUpperCase(), password: org.password });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      token_type: 'bearer',
      admin_id: created.admin_id,
      organization_id: created.organization_id,
    });
    const payload = JSON.parse(Buffer.from(response.body.access_token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({
      sub: created.admin_id,
      admin_id: created.admin_id,
      organization_id: created.organization_id,
    });
    expect(response.body.expires_in).toBe(payload.exp - payload.iat);
  });

  it('answers 401 with one generic message for a wrong password and an unknown email', async () => {
    const org = uniqueOrg();
    await api.createOrg(org);
    const wrongPassword = await api.login({ email: org.email, password: 'wrong-password' });
    const unknownEmail = await api.login({ email: 'nobody@example.com', password: org.password });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.message).toBe(unknownEmail.body.message);
  });

  it('answers 400 for a malformed login body', async () => {
    expect((await api.login({ email: ['x'] })).status).toBe(400);
  });
});

describe('PUT /org/update', () => {
  it('renames the organization, moving every tenant document and index', async () => {
    const org = await createAndLogin('Mover');
    const tenant = server.db.collection(org.created.collection_name);
    await tenant.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `doc-${i}` as never, n: i, kind: 'record' })));
    await tenant.createIndex({ kind: 1, n: -1 }, { name: 'kind_n' });

    const newName = uniqueOrg('Moved').organization_name;
    const response = await api.updateOrg(
      { organization_name: org.organization_name, new_organization_name: newName },
      org.token,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ organization_name: newName, organization_id: org.created.organization_id });

    const names = await collectionNames();
    expect(names).not.toContain(org.created.collection_name);
    expect(names).toContain(response.body.collection_name);
    const moved = server.db.collection(response.body.collection_name);
    const docs = await moved.find({}).sort({ n: 1 }).toArray();
    expect(docs.map((d) => d.n)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect((await moved.indexes()).map((i) => i.name)).toContain('kind_n');

    // The old name still leads here for a while, saying so (see old-names.test.ts).
    expect((await api.getOrg(org.organization_name)).body.renamed_from).toBe(org.organization_name);
    expect((await api.getOrg(newName)).body.organization_id).toBe(org.created.organization_id);
    // The token names the organization by id, so it survives the rename.
    const again = await api.updateOrg(
      { organization_name: newName, new_organization_name: `${newName} Two` },
      org.token,
    );
    expect(again.status).toBe(200);
  });

  it('changes only the spelling when the slug stays the same', async () => {
    const org = await createAndLogin('Spelling');
    const response = await api.updateOrg(
      { organization_name: org.organization_name, new_organization_name: org.organization_name.toUpperCase() },
      org.token,
    );
    expect(response.status).toBe(200);
    expect(response.body.collection_name).toBe(org.created.collection_name);
    expect(response.body.organization_name).toBe(org.organization_name.toUpperCase());
  });

  it('refuses a taken new name with 409 and changes nothing', async () => {
    const a = await createAndLogin('Keeper');
    const b = await createAndLogin('Taker');
    const before = await server.db.collection('organizations').findOne({ _id: a.created.organization_id });
    const response = await api.updateOrg(
      { organization_name: a.organization_name, new_organization_name: b.organization_name },
      a.token,
    );
    expect(response.status).toBe(409);
    expect(response.body.data.field).toBe('new_organization_name');
    expect(await server.db.collection('organizations').findOne({ _id: a.created.organization_id })).toEqual(before);
  });

  it("changes the admin's email and password", async () => {
    const org = await createAndLogin('Creds');
    const email = `new.${org.email}`;
    const response = await api.updateOrg(
      { organization_name: org.organization_name, email, password: 'a-brand-new-password' },
      org.token,
    );
    expect(response.status).toBe(200);
    expect(response.body.admin_email).toBe(email);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(401);
    expect((await api.login({ email, password: org.password })).status).toBe(401);
    expect((await api.login({ email, password: 'a-brand-new-password' })).status).toBe(200);
  });

  it("refuses another admin's email with 409", async () => {
    const a = await createAndLogin();
    const b = await createAndLogin();
    const response = await api.updateOrg({ organization_name: a.organization_name, email: b.email }, a.token);
    expect(response.status).toBe(409);
    expect((await api.getOrg(a.organization_name)).body.admin_email).toBe(a.email);
  });

  it('answers 400 when there is nothing to update or a new value is invalid', async () => {
    const org = await createAndLogin();
    expect((await api.updateOrg({ organization_name: org.organization_name }, org.token)).status).toBe(400);
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, password: 'short' }, org.token)).status,
    ).toBe(400);
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, new_organization_name: '?' }, org.token)).status,
    ).toBe(400);
  });

  it('requires a valid token of that organization: 401 without or with a bad one, 403 for another org', async () => {
    const a = await createAndLogin('Owner');
    const b = await createAndLogin('Intruder');
    const change = {
      organization_name: a.organization_name,
      new_organization_name: uniqueOrg('Hijack').organization_name,
    };
    expect((await api.updateOrg(change)).status).toBe(401);
    expect((await api.updateOrg(change, 'not-a-jwt')).status).toBe(401);
    expect((await api.updateOrg(change, `${a.token.slice(0, -2)}xx`)).status).toBe(401);
    expect((await api.updateOrg(change, b.token)).status).toBe(403);
    expect((await api.getOrg(a.organization_name)).body).toEqual(a.created);
  });
});

describe('DELETE /org/delete', () => {
  it("refuses another org's admin (403) and no token (401), then lets the owner delete it, keeping its data", async () => {
    const org = await createAndLogin('Doomed');
    const other = await createAndLogin('Bystander');
    await server.db.collection(org.created.collection_name).insertOne({ secret: 'tenant data' });

    expect((await api.deleteOrg(org.organization_name)).status).toBe(401);
    expect((await api.deleteOrg(org.organization_name, other.token)).status).toBe(403);
    expect((await api.getOrg(org.organization_name)).status).toBe(200);

    const response = await api.deleteOrg(org.organization_name, org.token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      organization_id: org.created.organization_id,
      organization_name: org.organization_name,
    });
    expect(response.body.message).toContain(response.body.purge_after);
    expect(response.body.restore_token).toBeTypeOf('string');

    // Gone for readers; the tenant data, the admin and the record (the name) stay until the purge.
    expect((await api.getOrg(org.organization_name)).status).toBe(404);
    expect(await server.db.collection(org.created.collection_name).countDocuments({ secret: 'tenant data' })).toBe(1);
    expect(await server.db.collection('organizations').findOne({ _id: org.created.organization_id })).toMatchObject({
      state: 'deleted',
    });
    expect(
      await server.db.collection('organizations').findOne({ _id: org.created.organization_id }),
    ).not.toHaveProperty('restore_token');
    expect((await api.getOrg(other.organization_name)).status).toBe(200);
  });

  it("refuses the deleted organization's token and login afterwards (401); the name stays reserved", async () => {
    const org = await createAndLogin('Gone');
    expect((await api.deleteOrg(org.organization_name, org.token)).status).toBe(200);
    expect((await api.deleteOrg(org.organization_name, org.token)).status).toBe(401);
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, password: 'whatever-123' }, org.token)).status,
    ).toBe(401);
    expect((await api.login({ email: org.email, password: org.password })).status).toBe(401);
    const squatter = await api.createOrg({ ...uniqueOrg(), organization_name: org.organization_name });
    expect(squatter.status).toBe(409);
    expect(squatter.body.data.appCode).toBe('ORG_NAME_TAKEN');
  });

  it('purges at once with confirm_purge repeating the name: data, admin and record gone, the name free', async () => {
    const org = await createAndLogin('Purged');
    await server.db.collection(org.created.collection_name).insertOne({ secret: 'tenant data' });
    const wrong = await api.deleteOrg(org.organization_name, org.token, { confirmPurge: 'Some Other Name' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.data).toMatchObject({ appCode: 'VALIDATION_FAILED', field: 'confirm_purge' });
    expect((await api.getOrg(org.organization_name)).status).toBe(200);

    const purged = await api.deleteOrg(org.organization_name, org.token, { confirmPurge: org.organization_name });
    expect(purged.status).toBe(200);
    expect(purged.body).toMatchObject({ organization_id: org.created.organization_id, restore_token: null });
    expect(await collectionNames()).not.toContain(org.created.collection_name);
    expect(await server.db.collection('organizations').countDocuments({ _id: org.created.organization_id })).toBe(0);
    expect(await server.db.collection('admins').countDocuments({ organization_id: org.created.organization_id })).toBe(
      0,
    );
    expect((await api.createOrg({ ...uniqueOrg(), organization_name: org.organization_name })).status).toBe(201);
  });

  it('answers 404 for an unknown organization', async () => {
    const org = await createAndLogin();
    expect((await api.deleteOrg('No Such Org 42', org.token)).status).toBe(404);
  });
});

describe('isolation between organizations', () => {
  it('gives each organization its own collection and keeps their data apart', async () => {
    const a = await createAndLogin('Alpha');
    const b = await createAndLogin('Beta');
    expect(a.created.collection_name).not.toBe(b.created.collection_name);
    await server.db.collection(a.created.collection_name).insertOne({ owner: 'a' });
    expect(await server.db.collection(b.created.collection_name).countDocuments()).toBe(0);
    expect((await api.deleteOrg(b.organization_name, a.token)).status).toBe(403);
    expect(await server.db.collection(a.created.collection_name).countDocuments()).toBe(1);
  });
});

describe('service routes', () => {
  it('reports liveness and readiness', async () => {
    expect(await api.send('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api.send('GET', '/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('serves an OpenAPI document describing every REST route, and Swagger UI', async () => {
    const spec = await api.send('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths).sort()).toEqual([
      '/admin/change-password',
      '/admin/login',
      '/admin/logout',
      '/admin/logout-all',
      '/admin/refresh',
      '/api-keys',
      '/api-keys/revoke',
      '/api-keys/rotate',
      '/invitations',
      '/invitations/accept',
      '/invitations/resend',
      '/invitations/revoke',
      '/me',
      '/me/organizations',
      '/me/sessions',
      '/me/sessions/revoke',
      '/me/switch-organization',
      '/members',
      '/members/change-role',
      '/members/leave',
      '/members/remove',
      '/members/transfer-ownership',
      '/operator/login',
      '/operator/organization',
      '/operator/organization-counts',
      '/operator/organizations',
      '/operator/suspend',
      '/operator/unsuspend',
      '/org/audit-log',
      '/org/create',
      '/org/delete',
      '/org/export',
      '/org/get',
      '/org/import',
      '/org/purge',
      '/org/restore',
      '/org/update',
      '/webhooks/deliveries',
      '/webhooks/endpoints',
      '/webhooks/endpoints/delete',
      '/webhooks/endpoints/rotate-secret',
      '/webhooks/endpoints/update',
      '/webhooks/resend',
      '/webhooks/test',
    ]);
    expect(Object.keys(spec.body.paths['/org/update']).sort()).toEqual(['post', 'put']);
    // The event types come from core's one list, into the schema of the create input.
    expect(JSON.stringify(spec.body.paths['/webhooks/endpoints'].post)).toContain('organization.renamed');
    expect(spec.body.paths['/org/delete'].delete.security).toBeDefined();
    expect(spec.body.paths['/admin/change-password'].post.security).toBeDefined();
    expect(spec.body.paths['/api-keys'].post.security).toBeDefined();
    // The audit log's filters are documented query parameters.
    const auditParameters = (spec.body.paths['/org/audit-log'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(auditParameters).toEqual(expect.arrayContaining(['action', 'outcome', 'actor_admin_id', 'from', 'to']));
    expect(spec.body.paths['/me/sessions/revoke'].post.security).toBeDefined();
    // A deleted organization's tokens are dead: restore and purge carry their own proof of ownership.
    for (const path of ['/org/restore', '/org/purge'])
      expect(spec.body.paths[path].post.security).toEqual(spec.body.paths['/org/create'].post.security);
    // The streamed archive routes are described beside the generated ones, protected alike.
    expect(spec.body.paths['/org/export'].get.security).toEqual(spec.body.paths['/org/delete'].delete.security);
    expect(Object.keys(spec.body.paths['/org/import'].post.requestBody.content)).toEqual(['application/gzip']);
    const deleteParameters = spec.body.paths['/org/delete'].delete.parameters.map((p: { name: string }) => p.name);
    expect(deleteParameters).toContain('confirm_purge');

    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('answers 404 for unknown routes', async () => {
    expect((await api.send('GET', '/nope')).status).toBe(404);
  });
});
