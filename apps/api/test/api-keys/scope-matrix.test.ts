import { apiKeyScopes, type Permission } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { appRouter } from '../../src/trpc/router.js';
import { restClient, type RestClient, type RestResponse } from '../rest-helpers.js';
import { createTeam, join, tokenOf, uniquePerson, type Person, type Team } from '../members/team.js';

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  api = restClient(server.url);
});
afterAll(() => server.close());

/** A team, a member to act on, an invitation and a key to manage, and the calling key (one scope). */
type Scene = {
  team: Team;
  target: Person;
  invitationId: string;
  /** The token of another pending invitation, for accepting. */
  acceptToken: string;
  otherKeyId: string;
  /** A webhook endpoint of the organization, and one of its events. */
  endpointId: string;
  eventId: string;
  key: string;
};

/**
 * Every procedure, with what guards it for a key: a permission of the core table,
 * `public` (no credentials needed, so a key changes nothing) or `person` (about a
 * signed-in person: their account, sessions, memberships, or managing keys).
 */
const procedures: {
  path: string;
  guard: Permission | 'public' | 'person';
  call: (s: Scene) => Promise<RestResponse>;
}[] = [
  {
    path: 'org.create',
    guard: 'public',
    call: (s) =>
      api.send('POST', '/org/create', {
        token: s.key,
        body: {
          organization_name: `Scoped ${uniquePerson('o').display_name}`,
          email: uniquePerson('c').email,
          password: 'matrix-pass-1',
        },
      }),
  },
  {
    path: 'org.get',
    guard: 'public',
    call: (s) => api.send('GET', `/org/get?organization_name=${encodeURIComponent(s.team.organization_name)}`, as(s)),
  },
  {
    path: 'admin.login',
    guard: 'public',
    call: (s) =>
      api.send('POST', '/admin/login', { ...as(s), body: { email: s.target.email, password: s.target.password } }),
  },
  {
    path: 'admin.refresh',
    guard: 'public',
    call: (s) => api.send('POST', '/admin/refresh', { ...as(s), body: { refresh_token: s.target.refreshToken } }),
  },
  {
    path: 'invitations.accept',
    guard: 'person',
    call: (s) => api.send('POST', '/invitations/accept', { ...as(s), body: { token: s.acceptToken } }),
  },
  {
    path: 'org.update',
    guard: 'org.rename',
    call: (s) =>
      api.send('PUT', '/org/update', {
        ...as(s),
        body: { organization_name: s.team.organization_name, new_organization_name: `${s.team.organization_name} 2` },
      }),
  },
  {
    path: 'org.delete',
    guard: 'org.delete',
    call: (s) =>
      api.send('DELETE', `/org/delete?organization_name=${encodeURIComponent(s.team.organization_name)}`, as(s)),
  },
  {
    path: 'org.restore',
    guard: 'person',
    call: (s) =>
      api.send('POST', '/org/restore', {
        ...as(s),
        body: {
          organization_name: s.team.organization_name,
          email: s.team.owner.email,
          password: s.team.owner.password,
        },
      }),
  },
  {
    path: 'org.purge',
    guard: 'person',
    call: (s) =>
      api.send('POST', '/org/purge', {
        ...as(s),
        body: {
          organization_name: s.team.organization_name,
          email: s.team.owner.email,
          password: s.team.owner.password,
          confirm_purge: s.team.organization_name,
        },
      }),
  },
  {
    path: 'operator.login',
    guard: 'person',
    call: (s) =>
      api.send('POST', '/operator/login', { ...as(s), body: { email: s.team.owner.email, password: 'Any-pass-123' } }),
  },
  { path: 'operator.list', guard: 'person', call: (s) => api.send('GET', '/operator/organizations', as(s)) },
  { path: 'operator.counts', guard: 'person', call: (s) => api.send('GET', '/operator/organization-counts', as(s)) },
  {
    path: 'operator.get',
    guard: 'person',
    call: (s) =>
      api.send('GET', `/operator/organization?organization_id=${encodeURIComponent(s.team.organizationId)}`, as(s)),
  },
  {
    path: 'operator.suspend',
    guard: 'person',
    call: (s) => api.send('POST', '/operator/suspend', { ...as(s), body: { organization_id: s.team.organizationId } }),
  },
  {
    path: 'operator.unsuspend',
    guard: 'person',
    call: (s) =>
      api.send('POST', '/operator/unsuspend', {
        ...as(s),
        body: { organization_id: s.team.organizationId },
      }),
  },
  {
    path: 'org.auditLog',
    guard: 'audit.read',
    call: (s) =>
      api.send('GET', `/org/audit-log?organization_name=${encodeURIComponent(s.team.organization_name)}`, as(s)),
  },
  { path: 'admin.logout', guard: 'person', call: (s) => api.send('POST', '/admin/logout', { ...as(s), body: {} }) },
  {
    path: 'admin.logoutAll',
    guard: 'person',
    call: (s) => api.send('POST', '/admin/logout-all', { ...as(s), body: {} }),
  },
  {
    path: 'admin.changePassword',
    guard: 'person',
    call: (s) =>
      api.send('POST', '/admin/change-password', {
        ...as(s),
        body: { current_password: s.team.owner.password, new_password: 'Brand-new-pass-77' },
      }),
  },
  { path: 'me.get', guard: 'person', call: (s) => api.send('GET', '/me', as(s)) },
  { path: 'me.organizations', guard: 'person', call: (s) => api.send('GET', '/me/organizations', as(s)) },
  { path: 'me.sessions', guard: 'person', call: (s) => api.send('GET', '/me/sessions', as(s)) },
  {
    path: 'me.revokeSession',
    guard: 'person',
    call: (s) => api.send('POST', '/me/sessions/revoke', { ...as(s), body: { session_id: 'ses_not_mine' } }),
  },
  {
    path: 'me.switchOrganization',
    guard: 'person',
    call: (s) =>
      api.send('POST', '/me/switch-organization', {
        ...as(s),
        body: { organization_name: s.team.organization_name },
      }),
  },
  { path: 'members.list', guard: 'members.read', call: (s) => api.send('GET', '/members', as(s)) },
  { path: 'members.leave', guard: 'person', call: (s) => api.send('POST', '/members/leave', { ...as(s), body: {} }) },
  {
    path: 'members.changeRole',
    guard: 'members.changeRole',
    call: (s) =>
      api.send('POST', '/members/change-role', { ...as(s), body: { user_id: s.target.userId, role: 'admin' } }),
  },
  {
    path: 'members.remove',
    guard: 'members.remove',
    call: (s) => api.send('POST', '/members/remove', { ...as(s), body: { user_id: s.target.userId } }),
  },
  {
    path: 'members.transferOwnership',
    guard: 'person',
    call: (s) => api.send('POST', '/members/transfer-ownership', { ...as(s), body: { user_id: s.target.userId } }),
  },
  {
    path: 'invitations.create',
    guard: 'members.invite',
    call: (s) =>
      api.send('POST', '/invitations', { ...as(s), body: { email: uniquePerson('inv').email, role: 'member' } }),
  },
  { path: 'invitations.list', guard: 'members.invite', call: (s) => api.send('GET', '/invitations', as(s)) },
  {
    path: 'invitations.revoke',
    guard: 'members.invite',
    call: (s) => api.send('POST', '/invitations/revoke', { ...as(s), body: { invitation_id: s.invitationId } }),
  },
  {
    path: 'invitations.resend',
    guard: 'members.invite',
    call: (s) => api.send('POST', '/invitations/resend', { ...as(s), body: { invitation_id: s.invitationId } }),
  },
  {
    path: 'apiKeys.create',
    guard: 'person',
    call: (s) => api.send('POST', '/api-keys', { ...as(s), body: { name: 'child', scopes: ['org.read'] } }),
  },
  { path: 'apiKeys.list', guard: 'person', call: (s) => api.send('GET', '/api-keys', as(s)) },
  {
    path: 'apiKeys.revoke',
    guard: 'person',
    call: (s) => api.send('POST', '/api-keys/revoke', { ...as(s), body: { api_key_id: s.otherKeyId } }),
  },
  {
    path: 'apiKeys.rotate',
    guard: 'person',
    call: (s) => api.send('POST', '/api-keys/rotate', { ...as(s), body: { api_key_id: s.otherKeyId } }),
  },
  {
    path: 'webhooks.create',
    guard: 'webhooks.manage',
    call: (s) =>
      api.send('POST', '/webhooks/endpoints', {
        ...as(s),
        body: { url: 'http://127.0.0.1:9/scoped', event_types: ['organization.renamed'] },
      }),
  },
  { path: 'webhooks.list', guard: 'webhooks.manage', call: (s) => api.send('GET', '/webhooks/endpoints', as(s)) },
  {
    path: 'webhooks.update',
    guard: 'webhooks.manage',
    call: (s) =>
      api.send('POST', '/webhooks/endpoints/update', {
        ...as(s),
        body: { endpoint_id: s.endpointId, description: 'changed', enabled: false },
      }),
  },
  {
    path: 'webhooks.delete',
    guard: 'webhooks.manage',
    call: (s) => api.send('POST', '/webhooks/endpoints/delete', { ...as(s), body: { endpoint_id: s.endpointId } }),
  },
  {
    path: 'webhooks.rotateSecret',
    guard: 'webhooks.manage',
    call: (s) =>
      api.send('POST', '/webhooks/endpoints/rotate-secret', {
        ...as(s),
        body: { endpoint_id: s.endpointId, overlap_seconds: 60 },
      }),
  },
  {
    path: 'webhooks.deliveries',
    guard: 'webhooks.manage',
    call: (s) => api.send('GET', `/webhooks/deliveries?endpoint_id=${s.endpointId}`, as(s)),
  },
  {
    path: 'webhooks.resend',
    guard: 'webhooks.manage',
    call: (s) =>
      api.send('POST', '/webhooks/resend', { ...as(s), body: { endpoint_id: s.endpointId, event_id: s.eventId } }),
  },
  {
    path: 'webhooks.sendTest',
    guard: 'webhooks.manage',
    call: (s) => api.send('POST', '/webhooks/test', { ...as(s), body: { endpoint_id: s.endpointId } }),
  },
];

const as = (s: Scene) => ({ token: s.key });

const stateOf = async (team: Team) =>
  Promise.all(
    [
      'organizations',
      'memberships',
      'invitations',
      'api_keys',
      'sessions',
      'webhook_endpoints',
      'webhook_deliveries',
    ].map((name) =>
      server.db
        .collection(name)
        .find(
          name === 'organizations' ? { _id: team.organizationId as never } : { organization_id: team.organizationId },
        )
        .sort({ _id: 1 })
        .project({ last_used_at: 0 })
        .toArray(),
    ),
  );

const scene = async (scope: Permission): Promise<Scene> => {
  const team = await createTeam(api, 'Scoped');
  const target = await join(api, team.owner.token, 'member', 'target');
  const invited = await api.send('POST', '/invitations', {
    token: team.owner.token,
    body: { email: uniquePerson('pending').email },
  });
  const toAccept = await api.send('POST', '/invitations', {
    token: team.owner.token,
    body: { email: uniquePerson('acc').email },
  });
  const issue = (scopes: Permission[]) =>
    api.send('POST', '/api-keys', { token: team.owner.token, body: { name: `key ${scopes.join(' ')}`, scopes } });
  const key = await issue([scope]);
  expect(key.status, JSON.stringify(key.body)).toBe(200);
  const other = await issue(['org.read']);
  const endpoint = await api.send('POST', '/webhooks/endpoints', {
    token: team.owner.token,
    body: { url: 'http://127.0.0.1:9/scene', event_types: ['organization.renamed'] },
  });
  // This test server runs no dispatcher: relay the outbox (the organization.created event) by hand.
  await server.services.webhooks.relayPending();
  const event = await server.db.collection('webhook_events').findOne({ organization_id: team.organizationId });
  return {
    team,
    target,
    invitationId: invited.body.invitation_id,
    acceptToken: tokenOf(toAccept.body.accept_link),
    otherKeyId: other.body.api_key_id,
    endpointId: endpoint.body.endpoint.endpoint_id,
    eventId: String(event?._id),
    key: key.body.secret,
  };
};

describe('the scope matrix: a key holding one scope, against every procedure', () => {
  it('covers every procedure of the router', () => {
    const routed = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.map((p) => p.path).sort()).toEqual(routed);
  });

  it('offers every permission but the person-only ones as a scope', () => {
    expect(apiKeyScopes).not.toContain('owners.manage');
    expect(apiKeyScopes).not.toContain('apiKeys.manage');
  });

  describe.each([...apiKeyScopes])('with scope %s', (scope) => {
    // A refusal changes nothing (checked below), so the refused calls share one scene;
    // an allowed call may change it, so it gets its own.
    let shared: Scene;
    beforeAll(async () => {
      shared = await scene(scope);
    });

    it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_path, procedure) => {
      const isAllowed = procedure.guard === 'public' || procedure.guard === scope;
      const s = isAllowed ? await scene(scope) : shared;
      const before = await stateOf(s.team);
      const response = await procedure.call(s);
      const body = JSON.stringify(response.body);
      if (isAllowed) {
        expect(response.status, body).toBeLessThan(300);
        return;
      }
      expect(response.status, body).toBe(403);
      expect(response.body.data?.appCode ?? response.body.code, body).toBe(
        procedure.guard === 'person' ? 'API_KEY_NOT_ALLOWED' : 'API_KEY_SCOPE_MISSING',
      );
      // A refusal changes nothing of the organization, its members, invitations, keys or sessions.
      expect(await stateOf(s.team)).toEqual(before);
    });
  });
});
