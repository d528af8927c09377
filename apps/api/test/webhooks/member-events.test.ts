import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { join, uniquePerson } from '../members/team.js';
import { restClient, uniqueOrg, type RestClient } from '../rest-helpers.js';
import { startReceiver, dispatchAll as dispatchAllOf } from './receiver.js';

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  api = restClient(server.url);
});
afterAll(() => server.close());

const dispatchAll = () => dispatchAllOf(server);

const bodies = (requests: { body: string }[]) =>
  requests.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });

describe('member and invitation events', () => {
  it('are recorded with the membership or invitation change and delivered: created, joined, role changed, revoked', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const org = uniqueOrg('Members');
      const organizationId = (await api.createOrg(org)).body.organization_id as string;
      const owner = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
      const created = await api.send('POST', '/webhooks/endpoints', {
        token: owner,
        body: {
          url: receiver.url,
          event_types: ['member.joined', 'member.role_changed', 'invitation.created', 'invitation.revoked'],
        },
      });
      expect(created.status).toBe(200);

      const member = await join(api, owner, 'member', 'joiner');
      // Recorded in the documents themselves before any relay: the membership carries member.joined.
      const membership = await server.db.collection('memberships').findOne({ user_id: member.userId });
      expect((membership?.pending_events as { type: string }[]).map((e) => e.type)).toEqual(['member.joined']);

      await api.send('POST', '/members/change-role', { token: owner, body: { user_id: member.userId, role: 'admin' } });
      const stranger = uniquePerson('revoked');
      const invited = await api.send('POST', '/invitations', { token: owner, body: { email: stranger.email } });
      await api.send('POST', '/invitations/revoke', {
        token: owner,
        body: { invitation_id: invited.body.invitation_id },
      });
      // A refused change records nothing: a member may not change roles.
      const refused = await api.send('POST', '/members/change-role', {
        token: member.token,
        body: { user_id: member.userId, role: 'owner' },
      });
      expect(refused.status).toBe(403);

      await dispatchAll();
      const events = bodies(receiver.requests);
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          'invitation.created',
          'member.joined',
          'member.role_changed',
          'invitation.created',
          'invitation.revoked',
        ]),
      );
      expect(events).toHaveLength(5);
      expect(events.find((e) => e.type === 'member.role_changed')?.data).toMatchObject({
        organization_id: organizationId,
        user_id: member.userId,
        previous_role: 'member',
        role: 'admin',
      });
      expect(events.find((e) => e.type === 'invitation.revoked')?.data).toMatchObject({
        invitation_id: invited.body.invitation_id,
        email: stranger.email,
      });
      // Relayed once: every outbox is empty and a second round sends nothing more.
      for (const name of ['memberships', 'invitations', 'organizations']) {
        const left = await server.db.collection(name).countDocuments({ 'pending_events.0': { $exists: true } });
        expect(left, name).toBe(0);
      }
      await dispatchAll();
      expect(receiver.requests).toHaveLength(5);
    } finally {
      await receiver.close();
    }
  });

  it('audits endpoint changes; a deleted organization still sends organization.deleted, then its endpoints retire once it is purged', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const org = uniqueOrg('Audited');
      const organizationId = (await api.createOrg(org)).body.organization_id as string;
      const owner = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
      const call = (path: string, body: unknown) => api.send('POST', path, { token: owner, body });
      const endpoint = (await call('/webhooks/endpoints', { url: receiver.url, event_types: ['organization.deleted'] }))
        .body.endpoint.endpoint_id as string;
      const spare = (await call('/webhooks/endpoints', { url: receiver.url, event_types: ['member.joined'] })).body
        .endpoint.endpoint_id as string;
      expect((await call('/webhooks/endpoints/rotate-secret', { endpoint_id: endpoint })).status).toBe(200);
      expect((await call('/webhooks/endpoints/update', { endpoint_id: endpoint, description: 'main' })).status).toBe(
        200,
      );
      const test = await call('/webhooks/test', { endpoint_id: endpoint });
      expect((await call('/webhooks/resend', { endpoint_id: endpoint, event_id: test.body.event_id })).status).toBe(
        200,
      );
      expect((await call('/webhooks/endpoints/delete', { endpoint_id: spare })).status).toBe(200);
      const missing = await call('/webhooks/resend', { endpoint_id: endpoint, event_id: 'msg_nope' });
      expect([missing.status, missing.body.data.appCode]).toEqual([404, 'WEBHOOK_NOT_FOUND']);

      const log = await api.send(
        'GET',
        `/org/audit-log?organization_name=${encodeURIComponent(org.organization_name)}`,
        {
          token: owner,
        },
      );
      const actions = (log.body.events as { action: string; outcome: string; subject: string | null }[])
        .filter((event) => event.action.startsWith('webhook.'))
        .map((event) => `${event.action}:${event.outcome}`);
      expect(actions.sort()).toEqual(
        [
          'webhook.create:success',
          'webhook.create:success',
          'webhook.rotateSecret:success',
          'webhook.update:success',
          'webhook.test:success',
          'webhook.resend:success',
          'webhook.delete:success',
          'webhook.resend:failure',
        ].sort(),
      );

      const deleted = await api.deleteOrg(org.organization_name, owner);
      expect(deleted.status).toBe(200);
      await dispatchAll();
      const types = bodies(receiver.requests).map((e) => e.type);
      expect(types.filter((type) => type === 'organization.deleted')).toHaveLength(1);
      const stored = () => server.db.collection('webhook_endpoints').findOne({ _id: endpoint as never });
      // Soft deleted: the endpoint stays as it was, for a restore.
      expect((await stored())?.retire_after).toBeUndefined();
      const purged = await api.purgeOrg({
        organization_name: org.organization_name,
        restore_token: deleted.body.restore_token,
        confirm_purge: org.organization_name,
      });
      expect(purged.status, JSON.stringify(purged.body)).toBe(200);
      expect((await stored())?.retire_after).toBeInstanceOf(Date);
      const dayAndAHalf = new Date(Date.now() + 36 * 3_600_000);
      expect(await server.services.repositories.webhookEndpoints.deleteRetired(dayAndAHalf)).toBeGreaterThanOrEqual(1);
      expect(await server.db.collection('webhook_endpoints').countDocuments({ organization_id: organizationId })).toBe(
        0,
      );
    } finally {
      await receiver.close();
    }
  });
});
