import { defaultInvitationPolicy } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, type RestClient } from '../rest-helpers.js';
import { createTeam, tokenOf, uniquePerson } from './team.js';

const maxPending = 5;
const maxMembers = 6;
let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'), {
    invitationPolicy: {
      ...defaultInvitationPolicy,
      maxPendingPerOrganization: maxPending,
      maxMembersPerOrganization: maxMembers,
    },
  });
  api = restClient(server.url);
});
afterAll(() => server.close());

const counters = (organizationId: string) =>
  server.db.collection('organization_counters').findOne({ _id: organizationId as never });
const pendingStored = (organizationId: string) =>
  server.db.collection('invitations').countDocuments({ organization_id: organizationId, state: 'pending' });

describe('membership races', () => {
  it('accepts one invitation exactly once when two accepts race', async () => {
    const team = await createTeam(api, 'Accept race');
    const person = uniquePerson('racer');
    const sent = await api.send('POST', '/invitations', { token: team.owner.token, body: { email: person.email } });
    const token = tokenOf(sent.body.accept_link);
    const outcomes = await Promise.all(
      [1, 2].map((i) =>
        api.send('POST', '/invitations/accept', {
          body: { token, display_name: `Racer ${i}`, password: person.password },
        }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
    expect(outcomes.find((o) => o.status === 409)?.body.data.appCode).toBe('INVITATION_ALREADY_ACCEPTED');
    expect(await server.db.collection('users').countDocuments({ email: person.email })).toBe(1);
    expect(await server.db.collection('memberships').countDocuments({ organization_id: team.organizationId })).toBe(4);
    expect(await counters(team.organizationId)).toMatchObject({ members: 4, pending_invitations: 0 });
  });

  it('leaves exactly one owner when two owners demote each other at once, every round', async () => {
    for (let round = 0; round < 5; round += 1) {
      const team = await createTeam(api, `Demote race ${round}`);
      const a = team.owner;
      const b = team.byRole.admin;
      expect(
        (await api.send('POST', '/members/change-role', { token: a.token, body: { user_id: b.userId, role: 'owner' } }))
          .status,
      ).toBe(200);
      const outcomes = await Promise.all([
        api.send('POST', '/members/change-role', { token: a.token, body: { user_id: b.userId, role: 'admin' } }),
        api.send('POST', '/members/change-role', { token: b.token, body: { user_id: a.userId, role: 'admin' } }),
      ]);
      const statuses = outcomes.map((o) => o.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      // The loser was demoted first, or hit the last-owner rule: either way it did not demote anyone.
      expect(outcomes.find((o) => o.status !== 200)?.body.data.appCode).toMatch(/^(LAST_OWNER|FORBIDDEN)$/);
      const owners = await server.db
        .collection('memberships')
        .countDocuments({ organization_id: team.organizationId, role: 'owner' });
      expect(owners).toBe(1);
      expect(await counters(team.organizationId)).toMatchObject({ owners: 1 });
    }
  });

  it('keeps counts true when an admin invites while being removed', async () => {
    for (let round = 0; round < 3; round += 1) {
      const team = await createTeam(api, `Invite remove ${round}`);
      const admin = team.byRole.admin;
      const [invited, removed] = await Promise.all([
        api.send('POST', '/invitations', { token: admin.token, body: { email: uniquePerson('late').email } }),
        api.send('POST', '/members/remove', { token: team.owner.token, body: { user_id: admin.userId } }),
      ]);
      expect(removed.status).toBe(200);
      // Invited just before the removal counted, or refused just after it.
      expect([200, 401]).toContain(invited.status);
      expect((await api.send('GET', '/members', { token: admin.token })).status).toBe(401);
      const stored = await counters(team.organizationId);
      expect(stored).toMatchObject({
        // A removed membership waits, marked `removing`, for its member.removed to be relayed: not a member.
        members: await server.db
          .collection('memberships')
          .countDocuments({ organization_id: team.organizationId, state: { $ne: 'removing' } }),
        pending_invitations: await pendingStored(team.organizationId),
      });
    }
  });

  it('lets exactly the limit of 20 concurrent invitations through, the rest refused with 409', async () => {
    const team = await createTeam(api, 'Invite flood');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.send('POST', '/invitations', { token: team.owner.token, body: { email: uniquePerson('flood').email } }),
      ),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(maxPending);
    expect(statuses.filter((s) => s === 409)).toHaveLength(20 - maxPending);
    const refused = outcomes.find((o) => o.status === 409)!;
    expect(refused.body.data.appCode).toBe('LIMIT_REACHED');
    expect(refused.body.message).toContain(`${maxPending} pending invitations`);
    expect(await pendingStored(team.organizationId)).toBe(maxPending);

    // Revoking one frees one place; an expired one frees its place when the limit is reached.
    const listed = (await api.send('GET', '/invitations', { token: team.owner.token })).body.invitations;
    await api.send('POST', '/invitations/revoke', {
      token: team.owner.token,
      body: { invitation_id: listed[0].invitation_id },
    });
    await server.db
      .collection('invitations')
      .updateOne({ _id: listed[1].invitation_id }, { $set: { expires_at: new Date(0) } });
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        api.send('POST', '/invitations', { token: team.owner.token, body: { email: uniquePerson('again').email } }),
      ),
    );
    expect(again.map((o) => o.status).sort()).toEqual([200, 200, 409]);
  });

  it('refuses accepting past the members limit with a clear 409, changing nothing', async () => {
    const team = await createTeam(api, 'Full house');
    const sent = await Promise.all(
      Array.from({ length: maxPending }, () =>
        api.send('POST', '/invitations', { token: team.owner.token, body: { email: uniquePerson('seat').email } }),
      ),
    );
    const accepts = await Promise.all(
      sent.map((s, i) =>
        api.send('POST', '/invitations/accept', {
          body: { token: tokenOf(s.body.accept_link), display_name: `Seat ${i}`, password: 'seat-password-1' },
        }),
      ),
    );
    // 3 members exist: 3 more fit under the limit of 6.
    expect(accepts.filter((a) => a.status === 200)).toHaveLength(maxMembers - 3);
    const full = accepts.filter((a) => a.status !== 200);
    expect(full.map((a) => [a.status, a.body.data.appCode])).toEqual(full.map(() => [409, 'LIMIT_REACHED']));
    expect(await server.db.collection('memberships').countDocuments({ organization_id: team.organizationId })).toBe(
      maxMembers,
    );
    expect(await pendingStored(team.organizationId)).toBe(sent.length - (maxMembers - 3));
  });
});
