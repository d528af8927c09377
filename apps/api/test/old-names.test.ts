import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, findInconsistencies, startTestServer, type TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;
let tenant: (label?: string) => Promise<Tenant>;

beforeAll(async () => {
  ({ server, api, tenant } = await openArena());
});
afterAll(() => server.close());

const rename = async (org: Tenant, from: string, to: string) => {
  const response = await api.updateOrg({ organization_name: from, new_organization_name: to }, org.token);
  expect(response.status).toBe(200);
  return response.body;
};

const location = (name: string) => `/org/get?${new URLSearchParams({ organization_name: name }).toString()}`;

describe('an old name after a rename', () => {
  it('still finds the organization, says it was renamed, and points at the current name', async () => {
    const org = await tenant('Before');
    const newName = uniqueOrg('After').organization_name;
    const renamed = await rename(org, org.organization_name, newName);

    const byOld = await api.getOrg(org.organization_name);
    expect(byOld.status).toBe(200);
    expect(byOld.body).toEqual({ ...renamed, renamed_from: org.organization_name });
    expect(byOld.headers.get('location')).toBe(location(newName));

    const byCurrent = await api.getOrg(newName);
    expect(byCurrent.body).toEqual(renamed);
    expect(byCurrent.headers.get('location')).toBeNull();
  });

  it('cannot be taken by another organization, by create or by rename', async () => {
    const org = await tenant('Holder');
    const oldName = org.organization_name;
    await rename(org, oldName, uniqueOrg('Moved').organization_name);

    const create = await api.createOrg({ ...uniqueOrg('Taker'), organization_name: oldName });
    expect(create.status).toBe(409);
    expect(create.body.data).toMatchObject({ appCode: 'ORG_NAME_TAKEN', field: 'organization_name' });
    expect(create.body.message).toContain('reserved until');

    const other = await tenant('Renamer');
    const otherBefore = (await api.getOrg(other.organization_name)).body;
    const checksum = await collectionChecksum(server.db, otherBefore.collection_name);
    const taken = await api.updateOrg(
      { organization_name: other.organization_name, new_organization_name: oldName },
      other.token,
    );
    expect(taken.status).toBe(409);
    expect(taken.body.data).toMatchObject({ appCode: 'ORG_NAME_TAKEN', field: 'new_organization_name' });
    expect((await api.getOrg(other.organization_name)).body).toEqual(otherBefore);
    expect(await collectionChecksum(server.db, otherBefore.collection_name)).toEqual(checksum);
    expect(await findInconsistencies(server.db)).toEqual([]);
  });

  it('is kept with every older one across a second rename, and can be taken back by its own organization', async () => {
    const org = await tenant('First');
    const first = org.organization_name;
    const second = uniqueOrg('Second').organization_name;
    const third = uniqueOrg('Third').organization_name;
    await rename(org, first, second);
    const current = await rename(org, second, third);

    for (const old of [first, second]) {
      const found = await api.getOrg(old);
      expect(found.body).toEqual({ ...current, renamed_from: old });
      expect(found.headers.get('location')).toBe(location(third));
    }

    const back = await rename(org, third, first);
    expect((await api.getOrg(first)).body).toEqual(back);
    expect((await api.getOrg(third)).body).toEqual({ ...back, renamed_from: third });
    expect((await api.getOrg(second)).body).toEqual({ ...back, renamed_from: second });
  });

  it('is released with the organization when it is purged', async () => {
    const org = await tenant('PurgedHolder');
    const newName = uniqueOrg('PurgedNow').organization_name;
    await rename(org, org.organization_name, newName);
    expect((await api.deleteOrg(newName, org.token, { confirmPurge: newName })).status).toBe(200);
    expect(await server.db.collection('old_names').countDocuments({ organization_id: org.organizationId })).toBe(0);
    expect((await api.getOrg(org.organization_name)).status).toBe(404);
    expect((await api.createOrg({ ...uniqueOrg(), organization_name: org.organization_name })).status).toBe(201);
  });

  it('leads nowhere while its organization is deleted', async () => {
    const org = await tenant('DeletedHolder');
    const newName = uniqueOrg('DeletedNow').organization_name;
    await rename(org, org.organization_name, newName);
    expect((await api.deleteOrg(newName, org.token)).status).toBe(200);
    expect((await api.getOrg(org.organization_name)).status).toBe(404);
    expect((await api.createOrg({ ...uniqueOrg(), organization_name: org.organization_name })).status).toBe(409);
  });
});

describe('old names past their retention', () => {
  let brief: TestServer;
  let briefApi: RestClient;
  beforeAll(async () => {
    brief = await startTestServer(inject('mongoUri'), { oldNameRetentionSeconds: 1 });
    briefApi = restClient(brief.url);
  });
  afterAll(() => brief.close());

  const renamedAway = async (label: string) => {
    const org = uniqueOrg(label);
    const created = (await briefApi.createOrg(org)).body;
    const token = (await briefApi.login({ email: org.email, password: org.password })).body.access_token as string;
    const newName = uniqueOrg(`${label}New`).organization_name;
    const renamed = await briefApi.updateOrg(
      { organization_name: org.organization_name, new_organization_name: newName },
      token,
    );
    expect(renamed.status).toBe(200);
    const hold = await brief.db.collection('old_names').findOne({ _id: created.slug });
    return {
      ...org,
      id: created.organization_id as string,
      slug: created.slug as string,
      newName,
      expiresAt: hold!.expires_at as Date,
    };
  };

  it('lead nowhere and are free to take; the reconciler sweeps them', async () => {
    const org = await renamedAway('Expiring');
    expect((await briefApi.getOrg(org.organization_name)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, org.expiresAt.getTime() - Date.now() + 50));
    expect((await briefApi.getOrg(org.organization_name)).status).toBe(404);

    const sweep = await renamedAway('Swept');
    await new Promise((resolve) => setTimeout(resolve, sweep.expiresAt.getTime() - Date.now() + 50));
    await brief.services.reconcile({ staleAfterMs: 0 });
    expect(await brief.db.collection('old_names').countDocuments({ _id: sweep.slug as never })).toBe(0);

    expect((await briefApi.createOrg({ ...uniqueOrg(), organization_name: org.organization_name })).status).toBe(201);
    expect((await briefApi.getOrg(org.organization_name)).body.renamed_from).toBeUndefined();
    expect((await briefApi.getOrg(org.newName)).body.organization_id).toBe(org.id);
  });

  it('race: creates of an old name around its expiry: none wins before it, exactly one after it', async () => {
    for (let round = 0; round < 3; round += 1) {
      const org = await renamedAway(`Racing${round}`);
      const expiry = org.expiresAt.getTime();
      const reconcile = brief.services.reconcile({ staleAfterMs: 0 });
      const attempts = await Promise.all(
        [-150, -50, 0, 50, 150].flatMap((offset) =>
          Array.from({ length: 4 }, async (_, i) => {
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry + offset - Date.now())));
            return briefApi.createOrg({ ...uniqueOrg(`R${round}${i}`), organization_name: org.organization_name });
          }),
        ),
      );
      await reconcile;
      const statuses = attempts.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const winners = attempts.filter((response) => response.status === 201);
      expect(winners).toHaveLength(1);
      // The winner claimed the name only once the hold had expired (server time, as the hold).
      expect(new Date(winners[0]!.body.created_at).getTime()).toBeGreaterThanOrEqual(expiry);

      const found = await briefApi.getOrg(org.organization_name);
      expect(found.body.organization_id).toBe(winners[0]!.body.organization_id);
      expect(found.body.renamed_from).toBeUndefined();
      expect((await briefApi.getOrg(org.newName)).body.organization_id).toBe(org.id);
      expect(await findInconsistencies(brief.db)).toEqual([]);
    }
  });
});
