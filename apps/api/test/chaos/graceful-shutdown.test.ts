import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { restClient, uniqueOrg } from '../rest-helpers.js';
import { startApiProcess } from '../../src/testing/api-process.js';

const masterDbName = `test_shutdown_${Date.now().toString(36)}`;

const probe = new MongoClient(inject('mongoUri'));

afterAll(async () => {
  await probe.db(masterDbName).dropDatabase();
  await probe.close();
});

describe('SIGTERM', () => {
  it('finishes in-flight requests, refuses new connections, and exits 0', async () => {
    const api = await startApiProcess({ MONGO_URI: inject('mongoUri'), MASTER_DB_NAME: masterDbName });
    const client = restClient(api.url);
    // Creates hash passwords with argon2id at full cost, so they are still running when the signal lands.
    const inFlight = Array.from({ length: 8 }, () => client.createOrg(uniqueOrg('Shutdown')));
    // Signal only once the server has received all eight (each claims its name before hashing):
    // requests still unread when the server starts closing are refused with 503, by design.
    const organizations = probe.db(masterDbName).collection('organizations');
    for (let waited = 0; (await organizations.countDocuments()) < 8; waited += 10) {
      if (waited > 20_000) throw new Error('the server did not receive the eight creates within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const exitCode = api.kill('SIGTERM');
    const statuses = (await Promise.all(inFlight)).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: 8 }, () => 201));
    expect(await exitCode).toBe(0);
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
  });
});
