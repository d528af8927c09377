import type { LifecycleStep } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, findInconsistencies, startTestServer, type TestServer } from '../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

/** Each step of each operation is aborted in turn, as if the process died right after it. */
let crashAfter: LifecycleStep | undefined;
class SimulatedCrash extends Error {}

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'), {
    onStep: (step) => {
      if (step === crashAfter) throw new SimulatedCrash(`simulated crash after ${step}`);
    },
  });
  api = restClient(server.url);
});
afterAll(() => server.close());

const settle = async () => {
  crashAfter = undefined;
  const report = await server.services.reconcile({ staleAfterMs: 0 });
  expect(report.failed).toEqual([]);
  return report;
};

const createWithData = async (label: string, documents = 100) => {
  const org = uniqueOrg(label);
  const created = await api.createOrg(org);
  expect(created.status).toBe(201);
  const token = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
  const tenant = server.db.collection(created.body.collection_name);
  await tenant.insertMany(Array.from({ length: documents }, (_, i) => ({ n: i, payload: `row-${i}-${label}` })));
  await tenant.createIndex({ payload: 1 }, { name: 'payload_1' });
  return {
    ...org,
    created: created.body,
    token,
    before: await collectionChecksum(server.db, created.body.collection_name),
  };
};

describe('a create interrupted after any step', () => {
  it.each<LifecycleStep>(['create:name-claimed', 'create:admin-created', 'create:collection-created'])(
    'is rolled back completely by the reconciler (%s)',
    async (step) => {
      const org = uniqueOrg('Crashy');
      crashAfter = step;
      const response = await api.createOrg(org);
      expect(response.status).toBe(500);

      // Not visible while half-created.
      expect((await api.getOrg(org.organization_name)).status).toBe(404);
      expect((await api.login({ email: org.email, password: org.password })).status).toBe(401);

      const report = await settle();
      expect(report.rolledBack).toHaveLength(1);
      expect(await findInconsistencies(server.db)).toEqual([]);
      expect(await server.db.collection('users').countDocuments({ email: org.email })).toBe(0);

      // The name and the email are free again.
      expect((await api.createOrg(org)).status).toBe(201);
    },
  );
});

describe('a rename interrupted after any step', () => {
  it.each<LifecycleStep>(['rename:intent-recorded', 'rename:collection-moved'])(
    'is carried forward with every document exactly once (%s)',
    async (step) => {
      const org = await createWithData('Renamer');
      const newName = uniqueOrg('Renamed').organization_name;
      crashAfter = step;
      const response = await api.updateOrg(
        { organization_name: org.organization_name, new_organization_name: newName },
        org.token,
      );
      expect(response.status).toBe(500);

      // While the rename is unsettled, another change of the organization is refused, not interleaved.
      crashAfter = undefined;
      const concurrent = await api.updateOrg(
        { organization_name: newName, new_organization_name: `${newName} 2` },
        org.token,
      );
      expect(concurrent.status).toBe(409);

      const report = await settle();
      expect(report.completed).toEqual([org.created.organization_id]);
      expect(await findInconsistencies(server.db)).toEqual([]);

      const renamed = await api.getOrg(newName);
      expect(renamed.status).toBe(200);
      expect(renamed.body.organization_id).toBe(org.created.organization_id);
      expect(await collectionChecksum(server.db, renamed.body.collection_name)).toEqual(org.before);
      const indexes = await server.db.collection(renamed.body.collection_name).indexes();
      expect(indexes.map((i) => i.name)).toContain('payload_1');
      // The old name now leads to the organization under its new name.
      expect((await api.getOrg(org.organization_name)).body).toEqual({
        ...renamed.body,
        renamed_from: org.organization_name,
      });
    },
  );
});

describe('a name released by an unfinished rename', () => {
  it('cannot be taken while the old collection still holds the data, nor afterwards (it is an old name then)', async () => {
    const org = await createWithData('Releasing');
    const newName = uniqueOrg('Released').organization_name;
    crashAfter = 'rename:intent-recorded';
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, new_organization_name: newName }, org.token))
        .status,
    ).toBe(500);
    crashAfter = undefined;

    // The old slug is free in the metadata, but it is held as an old name, and its collection is the
    // rename's source: never adopt it.
    const squatter = { ...uniqueOrg('Squatter'), organization_name: org.organization_name };
    const refused = await api.createOrg(squatter);
    expect(refused.status).toBe(409);
    expect(await collectionChecksum(server.db, org.created.collection_name)).toEqual(org.before);

    await settle();
    expect(await findInconsistencies(server.db)).toEqual([]);
    const moved = await api.getOrg(newName);
    expect(await collectionChecksum(server.db, moved.body.collection_name)).toEqual(org.before);
    expect((await api.createOrg(squatter)).status).toBe(409);
    expect(await server.db.collection(org.created.collection_name).countDocuments()).toBe(0);
  });
});

describe('a crashed create of a name released by an unfinished rename', () => {
  it("is rolled back without touching the renaming organization's data", async () => {
    const org = await createWithData('Source');
    const newName = uniqueOrg('Destination').organization_name;
    crashAfter = 'rename:intent-recorded';
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, new_organization_name: newName }, org.token))
        .status,
    ).toBe(500);
    // As if the old name's hold had expired and been swept while the rename stayed unfinished.
    await server.db.collection('old_names').deleteOne({ _id: org.created.slug });
    crashAfter = 'create:admin-created';
    expect((await api.createOrg({ ...uniqueOrg('Crasher'), organization_name: org.organization_name })).status).toBe(
      500,
    );

    const report = await settle();
    expect(report.rolledBack).toHaveLength(1);
    expect(report.completed).toEqual([org.created.organization_id]);
    expect(await findInconsistencies(server.db)).toEqual([]);
    const moved = await api.getOrg(newName);
    expect(await collectionChecksum(server.db, moved.body.collection_name)).toEqual(org.before);
  });
});

describe('an immediate purge interrupted after any step', () => {
  it.each<LifecycleStep>([
    'delete:intent-recorded',
    'delete:collection-dropped',
    'delete:admins-deleted',
    'delete:audit-removed',
  ])('is carried forward until nothing is left (%s)', async (step) => {
    const org = await createWithData('Deleter', 20);
    crashAfter = step;
    expect(
      (await api.deleteOrg(org.organization_name, org.token, { confirmPurge: org.organization_name })).status,
    ).toBe(500);

    // Half-deleted: already gone for readers and for its tokens, its name still held.
    crashAfter = undefined;
    expect((await api.getOrg(org.organization_name)).status).toBe(404);
    expect((await api.createOrg({ ...uniqueOrg('Early'), organization_name: org.organization_name })).status).toBe(409);
    expect(
      (await api.updateOrg({ organization_name: org.organization_name, password: 'new-password-1' }, org.token)).status,
    ).toBe(401);

    const report = await settle();
    expect(report.completed).toEqual([org.created.organization_id]);
    expect(await findInconsistencies(server.db)).toEqual([]);
    expect(await server.db.collection('organizations').countDocuments({ _id: org.created.organization_id })).toBe(0);
    const names = (await server.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain(org.created.collection_name);
    expect((await api.createOrg({ ...uniqueOrg('Next'), organization_name: org.organization_name })).status).toBe(201);
  });
});

describe('the reconciler', () => {
  it('leaves operations younger than the staleness window alone (they may still be running)', async () => {
    const org = uniqueOrg('Young');
    crashAfter = 'create:admin-created';
    expect((await api.createOrg(org)).status).toBe(500);
    crashAfter = undefined;
    const early = await server.services.reconcile({ staleAfterMs: 60_000 });
    expect(early.rolledBack).toEqual([]);
    expect(await server.db.collection('organizations').countDocuments({ name: org.organization_name })).toBe(1);
    await settle();
    expect(await server.db.collection('organizations').countDocuments({ name: org.organization_name })).toBe(0);
  });

  it('is idempotent: a second run finds nothing to do', async () => {
    await settle();
    const again = await server.services.reconcile({ staleAfterMs: 0 });
    expect(again).toMatchObject({ ran: true, rolledBack: [], completed: [], failed: [] });
  });
});
