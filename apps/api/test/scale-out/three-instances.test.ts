import { requireTestRedis, testRedisUrl as redisUrl } from '@orgsphere/db/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { findInconsistencies, startApiProcess, type ApiProcess } from '../../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient, type RestResponse } from '../rest-helpers.js';

const redisReachable = await requireTestRedis('the three-instance test');

const masterDbName = `test_scale_${Date.now().toString(36)}`;
const maxAttemptsPerEmail = 3;

/**
 * Three API processes (as three pods would be) on one database and one Redis. Every
 * request goes to the next instance in turn, so no two consecutive requests of the
 * scenario meet the same process: whatever one instance changed or revoked must
 * hold on the others at once.
 */
describe.runIf(redisReachable)('three API instances behind one address', () => {
  let instances: ApiProcess[] = [];
  let clients: RestClient[];
  let turn = 0;
  const served: number[] = [0, 0, 0];
  /** The next instance, round robin. */
  const next = (): RestClient => {
    const index = turn % clients.length;
    turn += 1;
    served[index]! += 1;
    return clients[index]!;
  };
  const auditLog = (name: string, token: string): Promise<RestResponse> =>
    next().send('GET', `/org/audit-log?${new URLSearchParams({ organization_name: name, limit: '1' }).toString()}`, {
      token,
    });
  const refresh = (refreshToken: string) =>
    next().send('POST', '/admin/refresh', { body: { refresh_token: refreshToken } });

  beforeAll(async () => {
    const env = {
      MONGO_URI: inject('mongoUri'),
      MASTER_DB_NAME: masterDbName,
      REDIS_URL: redisUrl,
      LOGIN_MAX_ATTEMPTS_PER_EMAIL: String(maxAttemptsPerEmail),
      // One client address for the whole test: only the per-email limit is under test.
      LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
      RATE_LIMIT_MAX: '100000',
      // A long cache lifetime: only cross-instance invalidation can make the scenario pass.
      CACHE_TTL_MS: '60000',
    };
    const started = await Promise.allSettled([0, 1, 2].map(() => startApiProcess(env)));
    // Keep whatever started, so afterAll stops it even when another failed to start.
    instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    clients = instances.map((instance) => restClient(instance.url));
    expect(new Set(instances.map((instance) => instance.url)).size).toBe(3);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.kill('SIGTERM')));
    const client = new MongoClient(inject('mongoUri'));
    await client.connect();
    await client.db(masterDbName).dropDatabase();
    await client.close();
  });

  it('runs the whole REST scenario as one instance would', async () => {
    const org = uniqueOrg('Scaled');
    const newName = `${org.organization_name} Renamed`;
    const newPassword = `${org.password}-Rotated`;

    // Create, read, conflict.
    const created = await next().createOrg(org);
    expect(created.status).toBe(201);
    expect((await next().getOrg(org.organization_name)).body.organization_id).toBe(created.body.organization_id);
    expect((await next().createOrg({ ...org, email: `other.${org.email}` })).status).toBe(409);

    // Login, rename; the old name now leads to the new one, visible everywhere at once.
    const first = (await next().login({ email: org.email, password: org.password })).body;
    expect(first.access_token).toBeTypeOf('string');
    const renamed = await next().updateOrg(
      { organization_name: org.organization_name, new_organization_name: newName },
      first.access_token,
    );
    expect(renamed.status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      const byOldName = await next().getOrg(org.organization_name);
      expect(byOldName.body).toMatchObject({ organization_name: newName, renamed_from: org.organization_name });
    }
    expect((await next().getOrg(newName)).body.organization_name).toBe(newName);
    expect((await next().getOrg(newName)).body.organization_name).toBe(newName);
    expect((await next().getOrg(newName)).body.organization_name).toBe(newName);
    expect((await auditLog(newName, first.access_token)).status).toBe(200);

    // Refresh rotation: the new pair works; reusing the old refresh token kills the session everywhere.
    const rotated = (await refresh(first.refresh_token)).body;
    expect(rotated.refresh_token).toBeTypeOf('string');
    expect((await auditLog(newName, rotated.access_token)).status).toBe(200);
    expect((await refresh(first.refresh_token)).status).toBe(401);
    expect((await refresh(rotated.refresh_token)).status).toBe(401);
    expect((await auditLog(newName, rotated.access_token)).status).toBe(401);
    expect((await auditLog(newName, rotated.access_token)).status).toBe(401);

    // Logout on one instance: the token is dead on the very next request, on another.
    const second = (await next().login({ email: org.email, password: org.password })).body;
    expect((await auditLog(newName, second.access_token)).status).toBe(200);
    expect((await next().send('POST', '/admin/logout', { body: {}, token: second.access_token })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await auditLog(newName, second.access_token)).status).toBe(401);
    expect((await refresh(second.refresh_token)).status).toBe(401);

    // A password change ends every earlier session on every instance.
    const third = (await next().login({ email: org.email, password: org.password })).body;
    const fourth = (await next().login({ email: org.email, password: org.password })).body;
    for (let i = 0; i < 3; i += 1) expect((await auditLog(newName, fourth.access_token)).status).toBe(200);
    expect(
      (await next().updateOrg({ organization_name: newName, password: newPassword }, third.access_token)).status,
    ).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      expect((await auditLog(newName, fourth.access_token)).status).toBe(401);
      expect((await auditLog(newName, third.access_token)).status).toBe(401);
    }
    expect((await refresh(fourth.refresh_token)).status).toBe(401);
    expect((await next().login({ email: org.email, password: org.password })).status).toBe(401);
    const fifth = (await next().login({ email: org.email, password: newPassword })).body;
    expect(fifth.access_token).toBeTypeOf('string');

    // Purge: gone everywhere, its tokens dead, its name free again.
    expect((await next().deleteOrg(newName, fifth.access_token, { confirmPurge: newName })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      expect((await next().getOrg(newName)).status).toBe(404);
      expect((await auditLog(newName, fifth.access_token)).status).toBe(401);
    }
    expect((await next().login({ email: org.email, password: newPassword })).status).toBe(401);
    expect((await next().createOrg({ ...org, organization_name: newName })).status).toBe(201);

    expect(served.every((count) => count > 10)).toBe(true);
  });

  it('throttles logins per email across instances (the count lives in Redis)', async () => {
    const org = uniqueOrg('Guarded');
    expect((await next().createOrg(org)).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1)
      statuses.push((await next().login({ email: org.email, password: 'Wrong-password-42' })).status);
    expect(statuses).toEqual([
      ...Array.from({ length: maxAttemptsPerEmail }, () => 401),
      ...Array.from({ length: 9 - maxAttemptsPerEmail }, () => 429),
    ]);
    // Held off on every instance, even with the right password.
    for (let i = 0; i < 3; i += 1) {
      const response = await next().login({ email: org.email, password: org.password });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('takes a removal or a lowered role into account on whichever instance serves the next request', async () => {
    const org = uniqueOrg('Scaled team');
    expect((await next().createOrg(org)).status).toBe(201);
    const owner = (await next().login({ email: org.email, password: org.password })).body.access_token as string;
    const joinAs = async (role: 'admin' | 'member', label: string) => {
      const email = `${label}.${org.email}`;
      const sent = await next().send('POST', '/invitations', { token: owner, body: { email, role } });
      const token = new URL(sent.body.accept_link as string).searchParams.get('token');
      const accepted = await next().send('POST', '/invitations/accept', {
        body: { token, display_name: label, password: org.password },
      });
      expect(accepted.status).toBe(200);
      return accepted.body as { access_token: string; admin_id: string };
    };
    const admin = await joinAs('admin', 'admin');
    const member = await joinAs('member', 'member');
    // Every instance has the admin's membership cached (60 s lifetime) before it changes.
    for (let i = 0; i < 3; i += 1)
      expect((await next().send('GET', '/invitations', { token: admin.access_token })).status).toBe(200);
    expect(
      (
        await next().send('POST', '/members/change-role', {
          token: owner,
          body: { user_id: admin.admin_id, role: 'member' },
        })
      ).status,
    ).toBe(200);
    for (let i = 0; i < 3; i += 1)
      expect((await next().send('GET', '/invitations', { token: admin.access_token })).status).toBe(403);

    for (let i = 0; i < 3; i += 1)
      expect((await next().send('GET', '/me', { token: member.access_token })).status).toBe(200);
    expect(
      (await next().send('POST', '/members/remove', { token: owner, body: { user_id: member.admin_id } })).status,
    ).toBe(200);
    for (let i = 0; i < 3; i += 1)
      expect((await next().send('GET', '/me', { token: member.access_token })).status).toBe(401);
  });

  it('leaves the stores consistent', async () => {
    const client = new MongoClient(inject('mongoUri'));
    await client.connect();
    try {
      expect(await findInconsistencies(client.db(masterDbName))).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
