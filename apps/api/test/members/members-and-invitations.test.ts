import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectionChecksum, startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient } from '../rest-helpers.js';
import { createTeam, join, tokenOf, uniquePerson } from './team.js';

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  api = restClient(server.url);
});
afterAll(() => server.close());

const membersOf = async (token: string) => {
  const response = await api.send('GET', '/members', { token });
  expect(response.status).toBe(200);
  return response.body.members as { user_id: string; email: string; role: string }[];
};

describe('members', () => {
  it('lists every member with their role, and the original org.get still names the owner', async () => {
    const team = await createTeam(api);
    const members = await membersOf(team.byRole.member.token);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [team.owner.email, 'owner'],
      [team.byRole.admin.email, 'admin'],
      [team.byRole.member.email, 'member'],
    ]);
    const org = await api.getOrg(team.organization_name);
    expect(org.body).toMatchObject({ admin_id: team.owner.userId, admin_email: team.owner.email });
  });

  it('takes a lowered role or a removal into account on the very next request', async () => {
    const team = await createTeam(api);
    const { admin } = team.byRole;
    expect((await api.send('GET', '/invitations', { token: admin.token })).status).toBe(200);
    const lowered = await api.send('POST', '/members/change-role', {
      token: team.owner.token,
      body: { user_id: admin.userId, role: 'member' },
    });
    expect(lowered.status).toBe(200);
    expect(lowered.body.role).toBe('member');
    // Same access token, one request later: the role it acts with is the new one.
    expect((await api.send('GET', '/me', { token: admin.token })).body).toMatchObject({
      user_id: admin.userId,
      organization_id: team.organizationId,
      role: 'member',
    });
    const refused = await api.send('GET', '/invitations', { token: admin.token });
    expect(refused.status).toBe(403);
    expect(refused.body.data.appCode).toBe('FORBIDDEN');

    expect(
      (await api.send('POST', '/members/remove', { token: team.owner.token, body: { user_id: admin.userId } })).status,
    ).toBe(200);
    const gone = await api.send('GET', '/members', { token: admin.token });
    expect(gone.status).toBe(401);
    expect(gone.body.data.appCode).toBe('SESSION_REVOKED');
    // Nor can the removed member mint new access tokens with their refresh token.
    const refresh = await api.send('POST', '/admin/refresh', { body: { refresh_token: admin.refreshToken } });
    expect([refresh.status, refresh.body.data.appCode]).toEqual([401, 'REFRESH_TOKEN_INVALID']);
  });

  it('keeps the last owner: no leaving, no removal, no demotion; transfer hands ownership over', async () => {
    const team = await createTeam(api);
    const { owner } = team;
    const leave = await api.send('POST', '/members/leave', { token: owner.token, body: {} });
    expect([leave.status, leave.body.data.appCode]).toEqual([409, 'LAST_OWNER']);
    const demote = await api.send('POST', '/members/change-role', {
      token: owner.token,
      body: { user_id: owner.userId, role: 'admin' },
    });
    expect([demote.status, demote.body.data.appCode]).toEqual([409, 'LAST_OWNER']);
    // An admin cannot touch an owner at all.
    const byAdmin = await api.send('POST', '/members/remove', {
      token: team.byRole.admin.token,
      body: { user_id: owner.userId },
    });
    expect(byAdmin.status).toBe(403);

    const transfer = await api.send('POST', '/members/transfer-ownership', {
      token: owner.token,
      body: { user_id: team.byRole.admin.userId },
    });
    expect(transfer.status).toBe(200);
    expect([transfer.body.new_owner.role, transfer.body.previous_owner.role]).toEqual(['owner', 'admin']);
    // org.get keeps naming an owner after the creator stepped down.
    expect((await api.getOrg(team.organization_name)).body.admin_id).toBe(team.byRole.admin.userId);
    // The former owner may now leave; the new one may not.
    expect((await api.send('POST', '/members/leave', { token: owner.token, body: {} })).status).toBe(200);
    const last = await api.send('POST', '/members/leave', { token: team.byRole.admin.token, body: {} });
    expect(last.body.data.appCode).toBe('LAST_OWNER');
  });

  it('refuses raising one’s own role, and admins making owners', async () => {
    const team = await createTeam(api);
    const self = await api.send('POST', '/members/change-role', {
      token: team.byRole.admin.token,
      body: { user_id: team.byRole.admin.userId, role: 'owner' },
    });
    expect(self.status).toBe(403);
    const promote = await api.send('POST', '/members/change-role', {
      token: team.byRole.admin.token,
      body: { user_id: team.byRole.member.userId, role: 'owner' },
    });
    expect(promote.status).toBe(403);
    const upToAdmin = await api.send('POST', '/members/change-role', {
      token: team.byRole.admin.token,
      body: { user_id: team.byRole.member.userId, role: 'admin' },
    });
    expect(upToAdmin.status).toBe(200);
  });
});

describe('the creator', () => {
  it('may give a display name (checked like any other) and becomes the owner', async () => {
    const org = uniqueOrg('Named');
    const blank = await api.createOrg({ ...org, display_name: '   ' });
    expect([blank.status, blank.body.data.field]).toEqual([400, 'display_name']);
    expect((await api.createOrg({ ...org, display_name: '  Ada   Lovelace ' })).status).toBe(201);
    const login = await api.login({ email: org.email, password: org.password });
    const me = await api.send('GET', '/me', { token: login.body.access_token });
    expect(me.body).toMatchObject({ display_name: 'Ada Lovelace', role: 'owner' });
  });
});

describe('many organizations per user', () => {
  it('lists my organizations with my role, switches without a password, and logs in to a named one', async () => {
    const first = await createTeam(api, 'First');
    const second = await createTeam(api, 'Second');
    // The first team's member is invited to the second as admin, and accepts while logged in.
    const person = first.byRole.member;
    const invited = await api.send('POST', '/invitations', {
      token: second.owner.token,
      body: { email: person.email.toUpperCase(), role: 'admin' },
    });
    const anonymous = await api.send('POST', '/invitations/accept', {
      body: { token: tokenOf(invited.body.accept_link), display_name: 'x', password: 'whatever-123' },
    });
    expect([anonymous.status, anonymous.body.data.appCode]).toEqual([401, 'UNAUTHENTICATED']);
    const accepted = await api.send('POST', '/invitations/accept', {
      token: person.token,
      body: { token: tokenOf(invited.body.accept_link) },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.organization_id).toBe(second.organizationId);

    const mine = await api.send('GET', '/me/organizations', { token: person.token });
    expect(
      mine.body.organizations.map((o: { organization_id: string; role: string; active: boolean }) => [
        o.organization_id,
        o.role,
        o.active,
      ]),
    ).toEqual([
      [first.organizationId, 'member', true],
      [second.organizationId, 'admin', false],
    ]);

    const switched = await api.send('POST', '/me/switch-organization', {
      token: person.token,
      body: { organization_name: second.organization_name },
    });
    expect(switched.status).toBe(200);
    expect(switched.body.organization_id).toBe(second.organizationId);
    expect((await api.send('GET', '/invitations', { token: switched.body.access_token })).status).toBe(200);
    // Not a member of that one: refused.
    const outsider = await createTeam(api, 'Third');
    const foreign = await api.send('POST', '/me/switch-organization', {
      token: person.token,
      body: { organization_name: outsider.organization_name },
    });
    expect(foreign.status).toBe(403);

    const oldest = await api.login({ email: person.email, password: person.password });
    expect(oldest.body.organization_id).toBe(first.organizationId);
    const named = await api.login({
      email: person.email,
      password: person.password,
      organization_name: second.organization_name,
    });
    expect(named.body.organization_id).toBe(second.organizationId);
  });
});

describe('invitations', () => {
  const storedState = async () =>
    Promise.all(
      ['invitations', 'memberships', 'users', 'organization_counters'].map((c) => collectionChecksum(server.db, c)),
    );

  it('refuses forged, revoked, reused and expired tokens with distinct codes, changing nothing', async () => {
    const team = await createTeam(api);
    const owner = team.owner.token;
    const invite = async () => {
      const person = uniquePerson('guest');
      const sent = await api.send('POST', '/invitations', {
        token: owner,
        body: { email: person.email, role: 'member' },
      });
      expect(sent.status).toBe(200);
      return { person, sent: sent.body, token: tokenOf(sent.body.accept_link) };
    };
    const accept = (token: string) =>
      api.send('POST', '/invitations/accept', {
        body: { token, display_name: 'Guest', password: 'guest-password-1' },
      });
    const refusal = async (token: string) => {
      const before = await storedState();
      const response = await accept(token);
      expect(await storedState()).toEqual(before);
      return [response.status, response.body.data.appCode];
    };

    expect(await refusal('forged-token-that-was-never-issued')).toEqual([404, 'INVITATION_INVALID']);

    const revoked = await invite();
    expect(
      (
        await api.send('POST', '/invitations/revoke', {
          token: owner,
          body: { invitation_id: revoked.sent.invitation_id },
        })
      ).body.state,
    ).toBe('revoked');
    expect(await refusal(revoked.token)).toEqual([409, 'INVITATION_REVOKED']);

    const used = await invite();
    expect((await accept(used.token)).status).toBe(200);
    expect(await refusal(used.token)).toEqual([409, 'INVITATION_ALREADY_ACCEPTED']);

    const expiring = await invite();
    await server.db
      .collection('invitations')
      .updateOne({ _id: expiring.sent.invitation_id }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    expect(await refusal(expiring.token)).toEqual([409, 'INVITATION_EXPIRED']);
    const listed = await api.send('GET', '/invitations', { token: owner });
    expect(
      listed.body.invitations.find((i: { invitation_id: string }) => i.invitation_id === expiring.sent.invitation_id)
        .state,
    ).toBe('expired');

    // Re-sending issues a new token and expiry: the old link stays dead, the new one works.
    const resent = await api.send('POST', '/invitations/resend', {
      token: owner,
      body: { invitation_id: expiring.sent.invitation_id },
    });
    expect(resent.body.state).toBe('pending');
    expect(await refusal(expiring.token)).toEqual([404, 'INVITATION_INVALID']);
    expect((await accept(tokenOf(resent.body.accept_link))).status).toBe(200);
  });

  it('stores only the SHA-256 of the token', async () => {
    const team = await createTeam(api);
    const person = uniquePerson('hash');
    const sent = await api.send('POST', '/invitations', { token: team.owner.token, body: { email: person.email } });
    const token = tokenOf(sent.body.accept_link);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await server.db.collection('invitations').findOne({ _id: sent.body.invitation_id });
    expect(JSON.stringify(stored)).not.toContain(token);
    const { createHash } = await import('node:crypto');
    expect(stored?.token_hash).toBe(createHash('sha256').update(token).digest('base64url'));
  });

  it('refuses accepting with an account of another email', async () => {
    const team = await createTeam(api);
    const sent = await api.send('POST', '/invitations', {
      token: team.owner.token,
      body: { email: uniquePerson('x').email },
    });
    const other = await createTeam(api, 'Other');
    const response = await api.send('POST', '/invitations/accept', {
      token: other.byRole.member.token,
      body: { token: tokenOf(sent.body.accept_link) },
    });
    expect([response.status, response.body.data.appCode]).toEqual([403, 'INVITATION_EMAIL_MISMATCH']);
  });

  it('records who did what to whom in the audit log', async () => {
    const team = await createTeam(api);
    const newcomer = await join(api, team.byRole.admin.token, 'member', 'audited');
    await api.send('POST', '/members/change-role', {
      token: team.owner.token,
      body: { user_id: newcomer.userId, role: 'admin' },
    });
    await api.send('POST', '/members/remove', { token: team.owner.token, body: { user_id: newcomer.userId } });
    const log = await api.send(
      'GET',
      `/org/audit-log?organization_name=${encodeURIComponent(team.organization_name)}`,
      { token: team.owner.token },
    );
    const events = (
      log.body.events as { action: string; actor_admin_id: string; subject: string | null; outcome: string }[]
    )
      .filter((e) => e.action.startsWith('member.') || e.action.startsWith('invitation.'))
      .map((e) => [e.action, e.outcome, e.actor_admin_id, e.subject]);
    expect(events).toEqual([
      ['member.remove', 'success', team.owner.userId, newcomer.userId],
      ['member.changeRole', 'success', team.owner.userId, newcomer.userId],
      ['invitation.accept', 'success', newcomer.userId, null],
      ['invitation.create', 'success', team.byRole.admin.userId, newcomer.email],
      ['invitation.accept', 'success', team.byRole.member.userId, null],
      ['invitation.create', 'success', team.owner.userId, team.byRole.member.email],
      ['invitation.accept', 'success', team.byRole.admin.userId, null],
      ['invitation.create', 'success', team.owner.userId, team.byRole.admin.email],
    ]);
  });
});
