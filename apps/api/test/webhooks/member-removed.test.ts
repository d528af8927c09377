import { relayPendingEvents, systemClock } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { join } from '../members/team.js';
import { restClient, uniqueOrg, type RestClient } from '../rest-helpers.js';
import { startReceiver, dispatchAll as dispatchAllOf } from './receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  api = restClient(server.url);
});
afterAll(() => server.close());

const dispatchAll = () => dispatchAllOf(server);

const bodies = (receiver: Receiver) =>
  receiver.requests.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });

const stored = (organizationId: string, userId: string) =>
  server.db.collection('memberships').findOne({ organization_id: organizationId, user_id: userId });

/** An organization with an endpoint subscribed to member.removed, and its owner's token. */
const organizationWithEndpoint = async (receiver: Receiver) => {
  const org = uniqueOrg('Removals');
  const organizationId = (await api.createOrg(org)).body.organization_id as string;
  const owner = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
  const created = await api.send('POST', '/webhooks/endpoints', {
    token: owner,
    body: { url: receiver.url, event_types: ['member.removed'] },
  });
  expect(created.status).toBe(200);
  return { organizationId, owner };
};

const listedIds = async (token: string) =>
  ((await api.send('GET', '/members', { token })).body.members as { user_id: string }[]).map((m) => m.user_id);

describe('member.removed', () => {
  it('is delivered for a removal and for leaving; the member is gone from the mark on, the document once relayed', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const { organizationId, owner } = await organizationWithEndpoint(receiver);
      const removed = await join(api, owner, 'member', 'removed');
      const leaver = await join(api, owner, 'admin', 'leaver');
      await dispatchAll(); // their member.joined leaves the outboxes (nobody subscribes to it)

      const removal = await api.send('POST', '/members/remove', { token: owner, body: { user_id: removed.userId } });
      expect(removal.status, JSON.stringify(removal.body)).toBe(200);
      const left = await api.send('POST', '/members/leave', { token: leaver.token, body: {} });
      expect(left.status, JSON.stringify(left.body)).toBe(200);

      // Nothing relayed yet: both documents are only marked, and carry their event.
      for (const person of [removed, leaver]) {
        const doc = await stored(organizationId, person.userId);
        expect(doc?.state).toBe('removing');
        expect((doc?.pending_events as { type: string }[]).map((e) => e.type)).toEqual(['member.removed']);
        // Gone for every purpose already: the token is refused, the listing skips them.
        expect((await api.send('GET', '/members', { token: person.token })).status).toBe(401);
      }
      expect(await listedIds(owner)).not.toContain(removed.userId);
      expect(await listedIds(owner)).not.toContain(leaver.userId);
      // Removing someone already removed is a 404, not a second event.
      const again = await api.send('POST', '/members/remove', { token: owner, body: { user_id: removed.userId } });
      expect([again.status, again.body.data?.appCode]).toEqual([404, 'MEMBER_NOT_FOUND']);

      await dispatchAll();
      const events = bodies(receiver);
      expect(events.map((e) => e.type)).toEqual(['member.removed', 'member.removed']);
      expect(events.map((e) => e.data)).toEqual(
        expect.arrayContaining([
          { organization_id: organizationId, user_id: removed.userId, role: 'member', reason: 'removed' },
          { organization_id: organizationId, user_id: leaver.userId, role: 'admin', reason: 'left' },
        ]),
      );
      expect(await stored(organizationId, removed.userId)).toBeNull();
      expect(await stored(organizationId, leaver.userId)).toBeNull();
      await dispatchAll();
      expect(receiver.requests).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('survives a crash after the mark and one between the relay and the delete: delivered once, then the document goes', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const { organizationId, owner } = await organizationWithEndpoint(receiver);
      const member = await join(api, owner, 'member', 'crashed');
      await dispatchAll();
      // The mark is all a removal writes here (no dispatcher): the state a crash right after it leaves.
      expect(
        (await api.send('POST', '/members/remove', { token: owner, body: { user_id: member.userId } })).status,
      ).toBe(200);
      expect((await api.send('GET', '/members', { token: member.token })).status).toBe(401);

      // The relay runs, then crashes before deleting the relayed removal.
      const crashing = {
        ...server.services.repositories,
        memberships: { deleteRelayedRemovals: () => Promise.reject(new Error('crash before the delete')) },
        clock: systemClock,
      };
      await expect(relayPendingEvents(crashing)).rejects.toThrow('crash before the delete');
      const doc = await stored(organizationId, member.userId);
      expect([doc?.state, doc?.pending_events]).toEqual(['removing', []]);
      // Still gone for every purpose while the document waits.
      expect((await api.send('GET', '/members', { token: member.token })).status).toBe(401);
      expect(await listedIds(owner)).not.toContain(member.userId);

      // The reconciler's sweep finishes the removal; the relayed event is sent once.
      expect((await server.services.reconcile({ staleAfterMs: 0 })).ran).toBe(true);
      expect(await stored(organizationId, member.userId)).toBeNull();
      await dispatchAll();
      expect(bodies(receiver)).toEqual([
        expect.objectContaining({
          type: 'member.removed',
          data: { organization_id: organizationId, user_id: member.userId, role: 'member', reason: 'removed' },
        }),
      ]);
    } finally {
      await receiver.close();
    }
  });
});
