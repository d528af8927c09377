import { MongoClient, type Db } from 'mongodb';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { startApiProcess, type ApiProcess } from '../../src/testing/api-process.js';
import { restClient, uniqueOrg } from '../rest-helpers.js';
import { eventTypeOf, startReceiver, waitUntil, type ReceivedRequest } from './receiver.js';

const masterDbName = `test_webhooks_${Date.now().toString(36)}`;
const env = {
  MONGO_URI: inject('mongoUri'),
  MASTER_DB_NAME: masterDbName,
  // One schedule second lasts 2 ms: retries at ~10 ms, 600 ms, 3.6 s, ...
  WEBHOOK_RETRY_UNIT_MS: '2',
  WEBHOOK_POLL_INTERVAL_MS: '200',
  WEBHOOK_TIMEOUT_MS: '1000',
  RECONCILE_INTERVAL: '1s',
  RECONCILE_STALE_AFTER: '1s',
};
const processes: ApiProcess[] = [];
let client: MongoClient;
let db: Db;

const start = async (extra: Record<string, string> = {}) => {
  const api = await startApiProcess({ ...env, ...extra });
  processes.push(api);
  return api;
};

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  await client.connect();
  db = client.db(masterDbName);
});
// Every test's instances go with it: they share the database, and their dispatchers would join the next test.
afterEach(async () => {
  await Promise.all(processes.splice(0).map((api) => api.kill()));
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

/** A new organization with an endpoint for every event type at `url`; returns the owner's token and the secret. */
const organizationWithEndpoint = async (baseUrl: string, url: string) => {
  const api = restClient(baseUrl);
  const org = uniqueOrg('Hooks');
  expect((await api.createOrg(org)).status).toBe(201);
  const token = (await api.login({ email: org.email, password: org.password })).body.access_token as string;
  const created = await api.send('POST', '/webhooks/endpoints', {
    token,
    body: {
      url,
      description: 'test receiver',
      event_types: ['organization.created', 'organization.updated', 'organization.renamed', 'organization.deleted'],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return {
    api,
    org,
    token,
    endpointId: created.body.endpoint.endpoint_id as string,
    secret: created.body.secret as string,
  };
};

const headersOf = (request: ReceivedRequest) => ({
  'webhook-id': String(request.headers['webhook-id']),
  'webhook-timestamp': String(request.headers['webhook-timestamp']),
  'webhook-signature': String(request.headers['webhook-signature']),
});

describe('webhook deliveries from real API processes to a real receiver', () => {
  it('signs per Standard Webhooks: the independent implementation accepts it, also across a rotation', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      const api = await start();
      const { api: rest, org, token, endpointId, secret } = await organizationWithEndpoint(api.url, receiver.url);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      await rest.updateOrg(
        { organization_name: org.organization_name, new_organization_name: `${org.organization_name} B` },
        token,
      );
      await waitUntil(() => receiver.requests.length >= 2, 15_000, 'two events');
      for (const request of receiver.requests) {
        const independent = new Webhook(secret).verify(request.body, headersOf(request)) as {
          type: string;
          data: { organization_id: string };
        };
        expect(['organization.renamed', 'organization.updated']).toContain(independent.type);
        // A wrong secret or a changed body is refused by both.
        expect(() => new Webhook(`whsec_${btoa('x'.repeat(32))}`).verify(request.body, headersOf(request))).toThrow();
        expect(() => new Webhook(secret).verify(`${request.body} `, headersOf(request))).toThrow();
      }

      const rotated = await rest.send('POST', '/webhooks/endpoints/rotate-secret', {
        token,
        body: { endpoint_id: endpointId, overlap_seconds: 600 },
      });
      expect(rotated.status).toBe(200);
      const newSecret = rotated.body.secret as string;
      expect(newSecret).not.toBe(secret);
      expect(rotated.body.endpoint.previous_secret_expires_at).not.toBeNull();
      const sent = await rest.send('POST', '/webhooks/test', { token, body: { endpoint_id: endpointId } });
      expect(sent.status).toBe(200);
      await waitUntil(() => receiver.requests.some((r) => eventTypeOf(r) === 'webhook.test'), 15_000, 'test event');
      const test = receiver.requests.find((r) => eventTypeOf(r) === 'webhook.test')!;
      expect(String(test.headers['webhook-signature']).split(' ')).toHaveLength(2);
      // Both secrets verify during the overlap, with the independent implementation (the client's verifier is tested in packages/client).
      for (const key of [secret, newSecret]) {
        expect(new Webhook(key).verify(test.body, headersOf(test))).toMatchObject({ type: 'webhook.test' });
      }
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('a receiver that fails then recovers gets every event, and the delivery log shows the attempts', async () => {
    let healthy = false;
    const receiver = await startReceiver(() => (healthy ? 200 : 503));
    try {
      const api = await start();
      const { api: rest, org, token, endpointId } = await organizationWithEndpoint(api.url, receiver.url);
      let name = org.organization_name;
      for (let i = 0; i < 3; i += 1) {
        const next = `${org.organization_name} R${i}`;
        expect((await rest.updateOrg({ organization_name: name, new_organization_name: next }, token)).status).toBe(
          200,
        );
        name = next;
      }
      // Each event is refused at least twice (first attempt and the 10 ms retry) before the receiver recovers.
      await waitUntil(
        () => new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size >= 6,
        15_000,
        'first attempts',
      );
      await waitUntil(() => receiver.requests.length >= 12, 15_000, 'retries');
      healthy = true;
      const log = async () =>
        (await rest.send('GET', `/webhooks/deliveries?endpoint_id=${endpointId}&limit=50`, { token })).body
          .deliveries as {
          delivery_id: string;
          status: string;
          attempts: number;
          event_id: string;
          last_attempt: { status_code: number; latency_ms: number } | null;
        }[];
      await waitUntil(async () => (await log()).every((d) => d.status === 'delivered'), 30_000, 'all delivered');
      const deliveries = await log();
      expect(deliveries).toHaveLength(6);
      const delivered = new Set(deliveries.map((d) => d.event_id));
      const received = new Set(receiver.requests.map((r) => String(r.headers['webhook-id'])));
      expect(received).toEqual(delivered);
      for (const delivery of deliveries) {
        expect(delivery.attempts).toBeGreaterThanOrEqual(3);
        expect(delivery.last_attempt?.status_code).toBe(200);
      }
      // Paginated: two pages of three.
      const first = await rest.send('GET', `/webhooks/deliveries?endpoint_id=${endpointId}&limit=3`, { token });
      const second = await rest.send(
        'GET',
        `/webhooks/deliveries?endpoint_id=${endpointId}&limit=3&cursor=${first.body.next_cursor}`,
        { token },
      );
      expect(
        [...first.body.deliveries, ...second.body.deliveries].map((d: { delivery_id: string }) => d.delivery_id).sort(),
      ).toEqual(deliveries.map((d) => d.delivery_id).sort());
      expect(second.body.next_cursor).toBeNull();
    } finally {
      await receiver.close();
    }
  }, 90_000);

  it('SIGKILL while a delivery is in flight: after a restart the event is still delivered', async () => {
    let hang = true;
    const receiver = await startReceiver(() => (hang ? 'hang' : 200));
    try {
      const first = await start();
      const { org, token, endpointId } = await organizationWithEndpoint(first.url, receiver.url);
      const renamed = await restClient(first.url).updateOrg(
        { organization_name: org.organization_name, new_organization_name: `${org.organization_name} K` },
        token,
      );
      expect(renamed.status).toBe(200);
      await waitUntil(() => receiver.requests.length >= 1, 15_000, 'first attempt');
      await first.kill('SIGKILL');
      hang = false;
      const before = receiver.requests.length;
      const second = await start();
      const rest = restClient(second.url);
      const log = async () =>
        (await rest.send('GET', `/webhooks/deliveries?endpoint_id=${endpointId}`, { token })).body.deliveries as {
          status: string;
          event_type: string;
        }[];
      await waitUntil(
        async () => {
          const deliveries = await log();
          return deliveries.length === 2 && deliveries.every((d) => d.status === 'delivered');
        },
        30_000,
        'delivered after restart',
      );
      expect(receiver.requests.length).toBeGreaterThan(before);
      expect(new Set(receiver.requests.map(eventTypeOf))).toEqual(
        new Set(['organization.renamed', 'organization.updated']),
      );
    } finally {
      await receiver.close();
    }
  }, 90_000);

  it('SIGKILL after the change, before its event left the outbox: a restarted instance relays and delivers it', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      // This instance serves requests but runs no dispatcher, so the events stay in the organization's outbox.
      const first = await start({ WEBHOOK_DISPATCHER: 'off' });
      const { org, token } = await organizationWithEndpoint(first.url, receiver.url);
      const renamed = await restClient(first.url).updateOrg(
        { organization_name: org.organization_name, new_organization_name: `${org.organization_name} O` },
        token,
      );
      expect(renamed.status).toBe(200);
      await first.kill('SIGKILL');
      const stored = await db.collection('organizations').findOne({ _id: renamed.body.organization_id });
      const pending = (stored?.pending_events as { type: string }[]).map((event) => event.type);
      expect(pending).toEqual(expect.arrayContaining(['organization.renamed', 'organization.updated']));
      expect(receiver.requests).toHaveLength(0);
      await start();
      await waitUntil(() => receiver.requests.length >= 2, 30_000, 'events after restart');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The organization.created event predates the endpoint: only the rename's two events are its.
      expect(receiver.requests.map(eventTypeOf).sort()).toEqual(['organization.renamed', 'organization.updated']);
      const relayed = await db.collection('organizations').findOne({ _id: renamed.body.organization_id });
      expect(relayed?.pending_events).toEqual([]);
    } finally {
      await receiver.close();
    }
  }, 90_000);

  it('two instances deliver each event exactly once at a time, and every event arrives', async () => {
    let count = 0;
    // Every third answer fails, so retries (and claims by either instance) interleave.
    const receiver = await startReceiver(() => (++count % 3 === 0 ? 500 : 200), 30);
    try {
      const [a, b] = [await start(), await start()];
      const { org, token, endpointId } = await organizationWithEndpoint(a.url, receiver.url);
      let name = org.organization_name;
      for (let i = 0; i < 10; i += 1) {
        const next = `${org.organization_name} T${i}`;
        const via = restClient((i % 2 === 0 ? a : b).url);
        expect((await via.updateOrg({ organization_name: name, new_organization_name: next }, token)).status).toBe(200);
        name = next;
      }
      const rest = restClient(b.url);
      await waitUntil(
        async () => {
          const page = await rest.send('GET', `/webhooks/deliveries?endpoint_id=${endpointId}&limit=50`, { token });
          const deliveries = page.body.deliveries as { status: string }[];
          return deliveries.length === 20 && deliveries.every((d) => d.status === 'delivered');
        },
        60_000,
        'all delivered',
      );
      const ids = new Set(receiver.requests.map((r) => String(r.headers['webhook-id'])));
      expect(ids.size).toBe(20);
      // Never the same delivery in flight twice at once.
      expect(Math.max(...receiver.maxInFlight.values())).toBe(1);
      // Exactly one successful answer per event: (attempts - failures) per id is one.
      const successes = new Map<string, number>();
      receiver.requests.forEach((r, i) => {
        if ((i + 1) % 3 !== 0)
          successes.set(String(r.headers['webhook-id']), (successes.get(String(r.headers['webhook-id'])) ?? 0) + 1);
      });
      expect([...successes.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
