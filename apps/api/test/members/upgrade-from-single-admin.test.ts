import { randomUUID } from 'node:crypto';

import { createPasswordHasher, createTokenService } from '@orgsphere/core';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, testJwt, testPasswordHashCost, type TestServer } from '../../src/testing/index.js';
import { restClient, type RestClient } from '../rest-helpers.js';

/**
 * A database as the single-admin release left it (organizations, admins, a live session,
 * its migration record), written with the driver; then this release starts on it.
 */
/** The documents the previous release wrote, keyed by string ids. */
type Stored = { _id: string } & Record<string, unknown>;

let server: TestServer;
let api: RestClient;
const masterDbName = `test_upgrade_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const at = new Date('2026-11-01T00:00:00Z');
const password = 'old-release-password-1';
const orgs = [1, 2].map((i) => ({
  _id: `org-${i}`,
  name: `Old Org ${i}`,
  slug: `old_org_${i}`,
  collection_name: `org_old_org_${i}`,
  admin_id: `admin-${i}`,
  state: 'active',
  version: 3,
  renamed_from: null,
  created_at: at,
  updated_at: at,
}));
let oldAccessToken: string;

beforeAll(async () => {
  const client = new MongoClient(inject('mongoUri'));
  await client.connect();
  const db = client.db(masterDbName);
  const passwordHash = await createPasswordHasher(testPasswordHashCost).hash(password);
  await db.collection('admins').createIndex({ email: 1 }, { name: 'email_unique', unique: true });
  await db.collection<Stored>('organizations').insertMany(orgs);
  await db.collection<Stored>('admins').insertMany(
    orgs.map((org, i) => ({
      _id: org.admin_id,
      email: `admin${i + 1}@old.test`,
      password_hash: passwordHash,
      organization_id: org._id,
      session_version: 2,
      created_at: at,
      updated_at: at,
    })),
  );
  for (const org of orgs) await db.createCollection(org.collection_name);
  await db.collection<Stored>('sessions').insertOne({
    _id: 'old-session',
    admin_id: 'admin-1',
    organization_id: 'org-1',
    created_at: at,
    last_used_at: at,
    expires_at: new Date(Date.now() + 86_400_000),
    user_agent: null,
    ip: null,
    revoked_at: null,
  });
  await db
    .collection<Stored>('migrations')
    .insertOne({ _id: '0001-drop-key-links', applied_at: at, applied_by: 'old' });
  // An access token the previous release issued to admin 1, still within its lifetime.
  oldAccessToken = (
    await createTokenService(testJwt).issueAccessToken({
      adminId: 'admin-1',
      organizationId: 'org-1',
      sessionId: 'old-session',
      sessionVersion: 2,
    })
  ).token;
  await client.close();
  server = await startTestServer(inject('mongoUri'), { masterDbName });
  api = restClient(server.url);
});
afterAll(() => server.close());

describe('upgrading from the single-admin release', () => {
  it('keeps the admin’s live token working, now as the owner', async () => {
    const me = await api.send('GET', '/me', { token: oldAccessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user_id: 'admin-1',
      email: 'admin1@old.test',
      organization_id: 'org-1',
      role: 'owner',
    });
  });

  it('logs each admin in with their old password, as the owner of their organization', async () => {
    for (const [i, org] of orgs.entries()) {
      const login = await api.login({ email: `admin${i + 1}@old.test`, password });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ admin_id: org.admin_id, organization_id: org._id });
      const members = await api.send('GET', '/members', { token: login.body.access_token });
      expect(members.body.members.map((m: { user_id: string; role: string }) => [m.user_id, m.role])).toEqual([
        [org.admin_id, 'owner'],
      ]);
      expect((await api.getOrg(org.name)).body).toMatchObject({
        admin_id: org.admin_id,
        admin_email: `admin${i + 1}@old.test`,
      });
    }
  });

  it('keeps the original contract: the owner renames, deletes and purges; the last owner cannot leave', async () => {
    const login = await api.login({ email: 'admin2@old.test', password });
    const token = login.body.access_token as string;
    expect((await api.send('POST', '/members/leave', { token, body: {} })).body.data.appCode).toBe('LAST_OWNER');
    expect(
      (await api.updateOrg({ organization_name: 'Old Org 2', new_organization_name: 'New Org 2' }, token)).status,
    ).toBe(200);
    expect((await api.deleteOrg('New Org 2', token)).status).toBe(200);
    // A delete is recoverable now: the account stays (it may restore) until the purge.
    expect(await server.db.collection('users').countDocuments({ _id: 'admin-2' as never })).toBe(1);
    const purge = { organization_name: 'New Org 2', confirm_purge: 'New Org 2', email: 'admin2@old.test', password };
    expect((await api.purgeOrg(purge)).status).toBe(200);
    expect(await server.db.collection('users').countDocuments({ _id: 'admin-2' as never })).toBe(0);
    expect(await server.db.listCollections({ name: 'admins' }).toArray()).toEqual([]);
  });
});
