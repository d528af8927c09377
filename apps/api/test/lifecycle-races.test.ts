import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { collectionChecksum, findInconsistencies, type TestServer } from '../src/testing/index.js';
import { openArena } from './arena.js';
import { uniqueOrg, type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  ({ server, api } = await openArena());
});
afterAll(() => server.close());
afterEach(async () => {
  expect(await findInconsistencies(server.db)).toEqual([]);
});

const createAndLogin = async (label: string) => {
  const org = uniqueOrg(label);
  const created = await api.createOrg(org);
  const token = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
  await server.db
    .collection(created.body.collection_name)
    .insertMany(Array.from({ length: 30 }, (_, n) => ({ n, label })));
  return { ...org, created: created.body, token };
};

describe('races', () => {
  it('20 concurrent creates of one name: exactly one 201, the rest 409, one collection and one admin', async () => {
    const name = uniqueOrg('Stampede').organization_name;
    const attempts = Array.from({ length: 20 }, (_, i) => ({ ...uniqueOrg(`s${i}`), organization_name: name }));
    const statuses = (await Promise.all(attempts.map((attempt) => api.createOrg(attempt)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const org = (await api.getOrg(name)).body;
    expect(await server.db.collection('organizations').countDocuments({ slug: org.slug })).toBe(1);
    expect(await server.db.collection('users').countDocuments({ email: { $in: attempts.map((a) => a.email) } })).toBe(
      1,
    );
  });

  it('20 concurrent creates with one admin email: exactly one 201', async () => {
    const email = uniqueOrg().email;
    const attempts = Array.from({ length: 20 }, (_, i) => ({ ...uniqueOrg(`e${i}`), email }));
    const statuses = (await Promise.all(attempts.map((attempt) => api.createOrg(attempt)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });

  it('concurrent rename and delete of one organization end in one consistent outcome', async () => {
    for (let round = 0; round < 5; round += 1) {
      const org = await createAndLogin(`RenDel${round}`);
      const before = await collectionChecksum(server.db, org.created.collection_name);
      const newName = `${org.organization_name} Moved`;
      const [rename, remove] = await Promise.all([
        api.updateOrg({ organization_name: org.organization_name, new_organization_name: newName }, org.token),
        api.deleteOrg(org.organization_name, org.token),
      ]);
      expect(rename.status).toBeLessThan(500);
      expect(remove.status).toBeLessThan(500);
      expect([rename.status, remove.status].filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);

      // A delete is soft: either way the data is kept whole, under whichever name won.
      const survivor = await server.db.collection('organizations').findOne({ _id: org.created.organization_id });
      expect(survivor?.state).toBe(remove.status === 200 ? 'deleted' : 'active');
      if (remove.status !== 200) expect(rename.status).toBe(200);
      if (rename.status === 200) expect(survivor?.name).toBe(newName);
      expect(await collectionChecksum(server.db, survivor!.collection_name)).toEqual(before);
    }
  });

  it('concurrent renames of two organizations to one new name: one wins, the other gets 409 and keeps its data', async () => {
    const a = await createAndLogin('TwinA');
    const b = await createAndLogin('TwinB');
    const target = uniqueOrg('Contested').organization_name;
    const checksums = {
      a: await collectionChecksum(server.db, a.created.collection_name),
      b: await collectionChecksum(server.db, b.created.collection_name),
    };
    const [ra, rb] = await Promise.all([
      api.updateOrg({ organization_name: a.organization_name, new_organization_name: target }, a.token),
      api.updateOrg({ organization_name: b.organization_name, new_organization_name: target }, b.token),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? 'a' : 'b';
    const loser = winner === 'a' ? b : a;
    const owner = (await api.getOrg(target)).body;
    expect(owner.organization_id).toBe((winner === 'a' ? a : b).created.organization_id);
    expect(await collectionChecksum(server.db, owner.collection_name)).toEqual(checksums[winner]);
    expect((await api.getOrg(loser.organization_name)).body).toEqual(loser.created);
    expect(await collectionChecksum(server.db, loser.created.collection_name)).toEqual(
      checksums[winner === 'a' ? 'b' : 'a'],
    );
  });

  it('concurrent renames of one organization: one applies, the other is refused with 409, never a 5xx', async () => {
    const org = await createAndLogin('Twice');
    const responses = await Promise.all(
      ['One', 'Two', 'Three'].map((suffix) =>
        api.updateOrg(
          { organization_name: org.organization_name, new_organization_name: `${org.organization_name} ${suffix}` },
          org.token,
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 404)).toBe(true);
  });
});
