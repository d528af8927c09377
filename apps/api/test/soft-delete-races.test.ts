import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, findInconsistencies, startTestServer, type TestServer } from '../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  api = restClient(server.url);
});
afterAll(() => server.close());
afterEach(async () => {
  expect(await findInconsistencies(server.db)).toEqual([]);
});

const deletedWithData = async (label: string) => {
  const org = uniqueOrg(label);
  const created = (await api.createOrg(org)).body;
  await server.db.collection(created.collection_name).insertMany(Array.from({ length: 30 }, (_, n) => ({ n, label })));
  const before = await collectionChecksum(server.db, created.collection_name);
  const token = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
  const deleted = (await api.deleteOrg(org.organization_name, token)).body;
  return {
    ...org,
    id: created.organization_id as string,
    collection: created.collection_name as string,
    before,
    restoreToken: deleted.restore_token as string,
  };
};

/** Exactly one side wins, and the outcome is whole: restored with every document, or gone with nothing left. */
const expectOneOutcome = async (org: Awaited<ReturnType<typeof deletedWithData>>, restored: boolean) => {
  const record = await server.db.collection('organizations').findOne({ _id: org.id as never });
  if (restored) {
    expect(record?.state).toBe('active');
    expect(await collectionChecksum(server.db, org.collection)).toEqual(org.before);
    expect((await api.getOrg(org.organization_name)).status).toBe(200);
  } else {
    expect(record).toBeNull();
    expect(await server.db.collection(org.collection).countDocuments()).toBe(0);
    expect(await server.db.collection('memberships').countDocuments({ organization_id: org.id })).toBe(0);
    expect(await server.db.collection('organization_counters').countDocuments({ _id: org.id as never })).toBe(0);
  }
  expect(await findInconsistencies(server.db)).toEqual([]);
};

describe('restore racing purge', () => {
  it("owner's restore against owner's purge: one wins, never both, never a 5xx", async () => {
    for (let round = 0; round < 5; round += 1) {
      const org = await deletedWithData(`RaceOwner${round}`);
      const name = org.organization_name;
      const [restore, purge] = await Promise.all([
        api.restoreOrg({ organization_name: name, restore_token: org.restoreToken }),
        api.purgeOrg({ organization_name: name, restore_token: org.restoreToken, confirm_purge: name }),
      ]);
      expect([restore.status, purge.status].filter((status) => status === 200)).toHaveLength(1);
      expect(restore.status).toBeLessThan(500);
      expect(purge.status).toBeLessThan(500);
      await expectOneOutcome(org, restore.status === 200);
    }
  });

  it("restore against the reconciler's purge of a deletion falling due: one wins, the outcome is whole", async () => {
    for (let round = 0; round < 5; round += 1) {
      const org = await deletedWithData(`RaceDue${round}`);
      // The grace period ends now, while the owner's restore is on its way.
      await server.db
        .collection('organizations')
        .updateOne({ _id: org.id as never }, { $set: { purge_after: new Date(Date.now() + 20) } });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const [restore, report] = await Promise.all([
        api.restoreOrg({ organization_name: org.organization_name, restore_token: org.restoreToken }),
        server.services.reconcile({ staleAfterMs: 0 }),
      ]);
      expect(restore.status).toBeLessThan(500);
      expect(report.failed).toEqual([]);
      const purged = report.purged.includes(org.id);
      expect(restore.status === 200).toBe(!purged);
      // A purge not run in that pass (restore refused as too late) is run by the next one.
      if (!purged && restore.status !== 200) {
        expect((await server.services.reconcile({ staleAfterMs: 0 })).purged).toEqual([org.id]);
      }
      await expectOneOutcome(org, restore.status === 200);
    }
  });
});
