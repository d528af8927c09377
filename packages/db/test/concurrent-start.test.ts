import { afterAll, describe, expect, inject, it } from 'vitest';

import { createMongoClient, openRepositories } from '../src/index.js';
import { organizationIndexes } from '../src/indexes.js';

const databaseName = `test_start_${process.pid}_${Date.now().toString(36)}`;
const clients = [0, 1, 2].map(() => createMongoClient({ uri: inject('mongoUri') }));

afterAll(async () => {
  await clients[0]!.db(databaseName).dropDatabase();
  await Promise.all(clients.map((client) => client.close()));
});

describe('several instances starting at once on a fresh database', () => {
  it('all open the repositories, and the indexes exist once', async () => {
    const results = await Promise.allSettled(clients.map((client) => openRepositories(client, databaseName)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const names = (await clients[0]!.db(databaseName).collection('organizations').indexes()).map((index) => index.name);
    for (const index of organizationIndexes) expect(names.filter((name) => name === index.name)).toHaveLength(1);
  });
});
