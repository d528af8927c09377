import type { LifecycleStep } from '@orgsphere/core';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, findInconsistencies } from '../../src/testing/index.js';
import { restClient, uniqueOrg } from '../rest-helpers.js';
import { startApiProcess, type ApiProcess } from '../../src/testing/api-process.js';

const documents = 50_000;
let client: MongoClient;
let db: Db;
let running: ApiProcess | undefined;

const masterDbName = `test_kill_${Date.now().toString(36)}`;
const env = {
  MONGO_URI: inject('mongoUri'),
  MASTER_DB_NAME: masterDbName,
  RECONCILE_INTERVAL: '1s',
  RECONCILE_STALE_AFTER: '1s',
};

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  await client.connect();
  db = client.db(masterDbName);
});
afterAll(async () => {
  await running?.kill();
  await db.dropDatabase();
  await client.close();
});

const waitUntil = async (condition: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('SIGKILL in the middle of a rename of 50,000 documents', () => {
  it.each<LifecycleStep>(['rename:intent-recorded', 'rename:collection-moved'])(
    'loses nothing: after a restart every document exists exactly once under the new name (killed after %s)',
    async (step) => {
      running = await startApiProcess({ ...env, PAUSE_AFTER_STEP: step }, 'test/chaos/paused-server.ts');
      const api = restClient(running.url);
      const org = uniqueOrg('Killed');
      const created = (await api.createOrg(org)).body;
      const token = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
      const tenant = db.collection(created.collection_name);
      for (let start = 0; start < documents; start += 10_000) {
        await tenant.insertMany(
          Array.from({ length: 10_000 }, (_, i) => ({ n: start + i, body: `document ${start + i}` })),
        );
      }
      await tenant.createIndex({ n: 1 }, { name: 'n_1', unique: true });
      const before = await collectionChecksum(db, created.collection_name);
      expect(before.count).toBe(documents);

      const newName = `${org.organization_name} After Crash`;
      const rename = api
        .updateOrg({ organization_name: org.organization_name, new_organization_name: newName }, token)
        .catch(() => null);
      await running.waitForLog((line) => line.paused === step);
      expect(await running.kill('SIGKILL')).toBeNull();
      await rename;

      running = await startApiProcess(env);
      const restarted = restClient(running.url);
      await waitUntil(
        async () =>
          (await db.collection('organizations').findOne({ _id: created.organization_id }))?.state === 'active',
      );

      const after = await restarted.getOrg(newName);
      expect(after.status).toBe(200);
      expect(after.body.organization_id).toBe(created.organization_id);
      expect(await collectionChecksum(db, after.body.collection_name)).toEqual(before);
      expect((await db.collection(after.body.collection_name).indexes()).map((i) => i.name)).toContain('n_1');
      // The old name keeps finding the organization for a while (ORG_OLD_NAME_RETENTION), saying it was renamed.
      expect((await restarted.getOrg(org.organization_name)).body).toEqual({
        ...after.body,
        renamed_from: org.organization_name,
      });
      expect(await findInconsistencies(db)).toEqual([]);
      await running.kill('SIGTERM');
      running = undefined;
    },
    // Two API processes start and 50,000 documents are written and checksummed twice: about
    // 10 s on a quiet machine, several times that on a busy one.
    120_000,
  );
});
