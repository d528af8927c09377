import type { LifecycleStep } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, findInconsistencies, startTestServer, type TestServer } from '../src/testing/index.js';
import { join, uniquePerson } from './members/team.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

/** Each step of soft delete, restore and purge is aborted in turn, as if the process died right after it. */
let crashAfter: LifecycleStep | undefined;
class SimulatedCrash extends Error {}
const onStep = (step: LifecycleStep) => {
  if (step === crashAfter) throw new SimulatedCrash(`simulated crash after ${step}`);
};

type Live = { server: TestServer; api: RestClient };
let main: Live;
/** Deletions here are due for purge a second later. */
let brief: Live;

const open = async (options: { deletionGracePeriodSeconds?: number } = {}): Promise<Live> => {
  const server = await startTestServer(inject('mongoUri'), { onStep, ...options });
  return { server, api: restClient(server.url) };
};

beforeAll(async () => {
  [main, brief] = await Promise.all([open(), open({ deletionGracePeriodSeconds: 1 })]);
});
afterAll(() => Promise.all([main.server.close(), brief.server.close()]));

const settle = async ({ server }: Live) => {
  crashAfter = undefined;
  const report = await server.services.reconcile({ staleAfterMs: 0 });
  expect(report.failed).toEqual([]);
  return report;
};

const createWithData = async ({ server, api }: Live, label: string) => {
  const org = uniqueOrg(label);
  const created = await api.createOrg(org);
  expect(created.status).toBe(201);
  const token = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
  const collection = created.body.collection_name as string;
  await server.db.collection(collection).insertMany(Array.from({ length: 40 }, (_, n) => ({ n, label })));
  await server.db.collection(collection).createIndex({ n: 1 }, { name: 'n_1' });
  // A member who also belongs to another organization, and an invitation still pending.
  const member = await join(api, token, 'member', `${label}-member`);
  const elsewhere = uniqueOrg(`${label}Elsewhere`);
  expect((await api.createOrg(elsewhere)).status).toBe(201);
  const elsewhereOwner = (await api.login({ email: elsewhere.email, password: elsewhere.password })).body
    .access_token as string;
  const invited = await api.send('POST', '/invitations', {
    token: elsewhereOwner,
    body: { email: member.email, role: 'member' },
  });
  const accepted = await api.send('POST', '/invitations/accept', {
    token: member.token,
    body: { token: new URL(invited.body.accept_link as string).searchParams.get('token') },
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  const pending = await api.send('POST', '/invitations', {
    token,
    body: { email: uniquePerson('pending').email, role: 'member' },
  });
  expect(pending.status).toBe(200);
  return {
    ...org,
    member,
    elsewhere,
    id: created.body.organization_id as string,
    collection,
    token,
    before: await collectionChecksum(server.db, collection),
  };
};

const nameIsTaken = async ({ api }: Live, name: string) =>
  (await api.createOrg({ ...uniqueOrg('Squatter'), organization_name: name })).status === 409;

const stateOf = async ({ server }: Live, id: string) =>
  (await server.db.collection('organizations').findOne({ _id: id as never }))?.state as string | undefined;

type Org = Awaited<ReturnType<typeof createWithData>>;
const countOf = (live: Live, collection: string, filter: object) =>
  live.server.db.collection(collection).countDocuments(filter);

/** The member who also belongs elsewhere can always log in there, whatever happens to this one. */
const expectMemberStillWelcomeElsewhere = async (live: Live, org: Org) => {
  const login = await live.api.login({
    email: org.member.email,
    password: org.member.password,
    organization_name: org.elsewhere.organization_name,
  });
  expect(login.status).toBe(200);
  expect(login.body.organization_id).not.toBe(org.id);
};

/** Nothing lost: the record, its memberships, invitation, counters and every document and index are still there. */
const expectKept = async (live: Live, org: Org) => {
  expect(await collectionChecksum(live.server.db, org.collection)).toEqual(org.before);
  expect((await live.server.db.collection(org.collection).indexes()).map((index) => index.name)).toContain('n_1');
  expect(await countOf(live, 'memberships', { organization_id: org.id })).toBe(2);
  expect(await countOf(live, 'invitations', { organization_id: org.id, state: 'pending' })).toBe(1);
  expect(await countOf(live, 'organization_counters', { _id: org.id })).toBe(1);
  expect(await findInconsistencies(live.server.db)).toEqual([]);
  await expectMemberStillWelcomeElsewhere(live, org);
};

/**
 * Nothing orphaned: record, memberships, invitations, counters, audit trail and collection
 * are all gone, the owner's account with them (it belonged nowhere else), the member's kept
 * for their other organization, and the name is free again.
 */
const expectGone = async (live: Live, org: Org) => {
  expect(await stateOf(live, org.id)).toBeUndefined();
  for (const collection of ['memberships', 'invitations', 'audit_events'])
    expect(
      await countOf(live, collection, { organization_id: org.id, action: { $nin: ['org.delete', 'org.purge'] } }),
    ).toBe(0);
  expect(await countOf(live, 'organization_counters', { _id: org.id })).toBe(0);
  expect(await countOf(live, 'users', { email: org.email.toLowerCase() })).toBe(0);
  expect(await countOf(live, 'users', { email: org.member.email.toLowerCase() })).toBe(1);
  await expectMemberStillWelcomeElsewhere(live, org);
  const names = (await live.server.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  expect(names).not.toContain(org.collection);
  expect(await findInconsistencies(live.server.db)).toEqual([]);
  expect(await nameIsTaken(live, org.organization_name)).toBe(false);
};

describe('a soft delete interrupted after its step', () => {
  it('is settled as deleted: data kept, name reserved, tokens dead, and the owner can still restore', async () => {
    const org = await createWithData(main, 'SoftCrash');
    crashAfter = 'soft-delete:recorded';
    expect((await main.api.deleteOrg(org.organization_name, org.token)).status).toBe(500);

    const report = await settle(main);
    expect([...report.rolledBack, ...report.completed, ...report.purged]).toEqual([]);
    expect(await stateOf(main, org.id)).toBe('deleted');
    await expectKept(main, org);
    expect(await nameIsTaken(main, org.organization_name)).toBe(true);
    expect((await main.api.getOrg(org.organization_name)).status).toBe(404);
    expect(
      (await main.api.updateOrg({ organization_name: org.organization_name, password: 'Another-pass-1' }, org.token))
        .status,
    ).toBe(401);

    // The restore token died with the response; the owner's own login restores.
    const restored = await main.api.restoreOrg({
      organization_name: org.organization_name,
      email: org.email,
      password: org.password,
    });
    expect(restored.status).toBe(200);
    await expectKept(main, org);
  });
});

describe('a restore interrupted after its step', () => {
  it('leaves the organization deleted and whole, and the same restore succeeds when retried', async () => {
    const org = await createWithData(main, 'RestoreCrash');
    const token = (await main.api.deleteOrg(org.organization_name, org.token)).body.restore_token as string;
    crashAfter = 'restore:sessions-revoked';
    expect((await main.api.restoreOrg({ organization_name: org.organization_name, restore_token: token })).status).toBe(
      500,
    );

    await settle(main);
    expect(await stateOf(main, org.id)).toBe('deleted');
    await expectKept(main, org);
    expect(await nameIsTaken(main, org.organization_name)).toBe(true);

    const retried = await main.api.restoreOrg({ organization_name: org.organization_name, restore_token: token });
    expect(retried.status).toBe(200);
    expect(await stateOf(main, org.id)).toBe('active');
    await expectKept(main, org);
  });
});

const purgeSteps: LifecycleStep[] = [
  'purge:intent-recorded',
  'delete:collection-dropped',
  'delete:admins-deleted',
  'delete:audit-removed',
];

describe("the purger interrupted after any step of a due deletion's purge", () => {
  it.each(purgeSteps)('holds the name until a later run finishes the purge (%s)', async (step) => {
    const org = await createWithData(brief, 'DuePurge');
    expect((await brief.api.deleteOrg(org.organization_name, org.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    crashAfter = step;
    const crashed = await brief.server.services.reconcile({ staleAfterMs: 0 });
    expect(crashed.failed.map((failure) => failure.organizationId)).toEqual([org.id]);
    expect(await stateOf(brief, org.id)).toBe('deleting');
    expect(await nameIsTaken(brief, org.organization_name)).toBe(true);

    const report = await settle(brief);
    expect(report.completed).toEqual([org.id]);
    await expectGone(brief, org);
  });
});

describe("an owner's purge of a deleted organization interrupted after any step", () => {
  it.each(purgeSteps)('is carried forward by the reconciler until nothing is left (%s)', async (step) => {
    const org = await createWithData(main, 'OwnerPurgeCrash');
    const token = (await main.api.deleteOrg(org.organization_name, org.token)).body.restore_token as string;
    crashAfter = step;
    const name = org.organization_name;
    expect(
      (await main.api.purgeOrg({ organization_name: name, restore_token: token, confirm_purge: name })).status,
    ).toBe(500);
    crashAfter = undefined;
    // Past the point of no return: no restore, the name held until the record goes.
    expect((await main.api.restoreOrg({ organization_name: name, restore_token: token })).status).toBe(404);
    expect(await nameIsTaken(main, name)).toBe(true);

    const report = await settle(main);
    expect(report.completed).toEqual([org.id]);
    await expectGone(main, org);
  });
});
