import { requireTestRedis, testRedisUrl as redisUrl } from '@orgsphere/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient } from '../rest-helpers.js';
import { createTeam } from '../members/team.js';

const redisReachable = await requireTestRedis('the two-instance API key test');

/**
 * Two instances on one database and one Redis, with a cache TTL far longer than the
 * test: only the invalidation bus can make the second instance see a revoke or a
 * rotation made through the first.
 */
describe.runIf(redisReachable)('API key revocation across two instances', () => {
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    first = await startTestServer(inject('mongoUri'), { redisUrl, cacheTtlMs: 60_000 });
    second = await startTestServer(inject('mongoUri'), {
      redisUrl,
      cacheTtlMs: 60_000,
      masterDbName: first.masterDbName,
    });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('refuses a key on the other instance from the very next request after revoke or rotation', async () => {
    const one = restClient(first.url);
    const two = restClient(second.url);
    const team = await createTeam(one, 'Two');
    const issue = async () =>
      (
        await one.send('POST', '/api-keys', {
          token: team.owner.token,
          body: { name: 'shared', scopes: ['members.read'] },
        })
      ).body as { api_key_id: string; secret: string };

    const revoked = await issue();
    // Cached on the second instance first.
    expect((await two.send('GET', '/members', { token: revoked.secret })).status).toBe(200);
    await one.send('POST', '/api-keys/revoke', { token: team.owner.token, body: { api_key_id: revoked.api_key_id } });
    const refused = await two.send('GET', '/members', { token: revoked.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.data.appCode).toBe('API_KEY_REVOKED');

    const rotated = await issue();
    expect((await two.send('GET', '/members', { token: rotated.secret })).status).toBe(200);
    await one.send('POST', '/api-keys/rotate', {
      token: team.owner.token,
      body: { api_key_id: rotated.api_key_id, grace_seconds: 0 },
    });
    const old = await two.send('GET', '/members', { token: rotated.secret });
    expect(old.status).toBe(401);
    expect(old.body.data.appCode).toBe('API_KEY_ROTATED');
  });
});
