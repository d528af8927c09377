import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { restClient, uniqueOrg } from '../rest-helpers.js';
import { startApiProcess } from '../../src/testing/api-process.js';

const masterDbName = `test_shutdown_${Date.now().toString(36)}`;

afterAll(async () => {
  const client = new MongoClient(inject('mongoUri'));
  await client.connect();
  await client.db(masterDbName).dropDatabase();
  await client.close();
});

describe('SIGTERM', () => {
  it('finishes in-flight requests, refuses new connections, and exits 0', async () => {
    const api = await startApiProcess({ MONGO_URI: inject('mongoUri'), MASTER_DB_NAME: masterDbName });
    const client = restClient(api.url);
    // Creates hash passwords with argon2id at full cost, so they are still running when the signal lands.
    const inFlight = Array.from({ length: 8 }, () => client.createOrg(uniqueOrg('Shutdown')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exitCode = api.kill('SIGTERM');
    const statuses = (await Promise.all(inFlight)).map((r) => r.status);
    expect(statuses).toEqual(Array.from({ length: 8 }, () => 201));
    expect(await exitCode).toBe(0);
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
  });
});
