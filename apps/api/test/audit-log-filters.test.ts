import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../src/testing/index.js';
import { openArena, type Arena, type Tenant } from './arena.js';
import type { RestClient } from './rest-helpers.js';

let arena: Arena;
let server: TestServer;
let api: RestClient;
let tenant: Tenant;

type EventOut = { id: string; at: string; action: string; outcome: string; actor_admin_id: string | null };

beforeAll(async () => {
  arena = await openArena();
  ({ server, api } = arena);
  tenant = await arena.tenant('AuditFilters');
  // A trail with successes and failures of several actions, by the owner and by nobody.
  for (let i = 0; i < 3; i += 1) await api.login({ email: tenant.email, password: 'wrong-password' });
  for (let i = 0; i < 2; i += 1) {
    await api.updateOrg(
      { organization_name: tenant.organization_name, new_organization_name: tenant.organization_name },
      tenant.token,
    );
  }
});
afterAll(() => server.close());

const auditLog = (params: Record<string, string>, token = tenant.token) =>
  api.send(
    'GET',
    `/org/audit-log?${new URLSearchParams({ organization_name: tenant.organization_name, ...params }).toString()}`,
    { token },
  );

/** Every page of a filtered listing, following the cursors. */
const allPages = async (params: Record<string, string>) => {
  const seen: EventOut[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const response = await auditLog({ ...params, limit: '2', ...(cursor ? { cursor } : {}) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    seen.push(...(response.body.events as EventOut[]));
    cursor = response.body.next_cursor ?? undefined;
    if (!cursor) return seen;
  }
  throw new Error('too many pages');
};

/** What the database holds for this organization, filtered in the test by the same rule. */
const stored = async (match: Record<string, unknown>) =>
  (
    await server.db
      .collection<{ _id: string }>('audit_events')
      .find({ organization_id: tenant.organizationId, ...match })
      .sort({ _id: -1 })
      .toArray()
  ).map((doc) => doc._id);

describe('GET /org/audit-log filters', () => {
  it('filters by action and outcome in the query, paging through the cursors', async () => {
    const failures = await allPages({ action: 'admin.login', outcome: 'failure' });
    expect(failures.map((event) => event.id)).toEqual(await stored({ action: 'admin.login', outcome: 'failure' }));
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures.every((event) => event.action === 'admin.login' && event.outcome === 'failure')).toBe(true);

    const updates = await allPages({ action: 'org.update' });
    expect(updates.map((event) => event.id)).toEqual(await stored({ action: 'org.update' }));
    expect(updates.length).toBeGreaterThanOrEqual(2);
  });

  it('filters by actor', async () => {
    const mine = await allPages({ actor_admin_id: tenant.adminId });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((event) => event.id)).toEqual(await stored({ actor_admin_id: tenant.adminId }));
    expect(await allPages({ actor_admin_id: 'nobody-at-all' })).toEqual([]);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const everything = await allPages({});
    expect(everything.length).toBeGreaterThan(3);
    const pivot = everything[Math.floor(everything.length / 2)]!;
    const since = await allPages({ from: pivot.at });
    expect(since.map((event) => event.id)).toEqual(everything.filter((event) => event.at >= pivot.at).map((e) => e.id));
    const before = await allPages({ to: pivot.at });
    expect(before.map((event) => event.id)).toEqual(everything.filter((event) => event.at < pivot.at).map((e) => e.id));
    // Together the two ranges are the whole trail, with nothing twice.
    expect(since.length + before.length).toBe(everything.length);
    const window = await allPages({ from: pivot.at, to: new Date(Date.parse(pivot.at) + 1).toISOString() });
    expect(window.map((event) => event.id)).toEqual(
      everything.filter((event) => event.at === pivot.at).map((e) => e.id),
    );
  });

  it('refuses unknown actions, outcomes, bad dates and an empty range with 400 naming the field', async () => {
    const unknownAction = await auditLog({ action: 'org.explode' });
    expect(unknownAction.status).toBe(400);
    expect(JSON.stringify(unknownAction.body)).toContain('action');
    expect((await auditLog({ outcome: 'maybe' })).status).toBe(400);
    const badDate = await auditLog({ from: 'yesterday' });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body)).toContain('from');
    const backwards = await auditLog({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.data).toMatchObject({ appCode: 'VALIDATION_FAILED', field: 'to' });
  });

  it('answers a filter through an index of the audit trail', async () => {
    const names = (await server.db.collection('audit_events').indexes()).map((index) => index.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'organization_newest',
        'organization_action_newest',
        'organization_actor_newest',
        'organization_outcome_newest',
      ]),
    );
  });
});
