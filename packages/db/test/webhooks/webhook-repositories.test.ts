import {
  newWebhookDelivery,
  newWebhookEvent,
  relayOrganizationEvents,
  relayPendingEvents,
  systemClock,
  type Organization,
  type WebhookEndpoint,
} from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRepositories, type Repositories } from '../../src/index.js';
import { connectTestDatabase, type TestDatabase } from '../../src/testing/index.js';

let t: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  t = await connectTestDatabase();
  repos = await openRepositories(t.client, t.db.databaseName);
});
afterAll(() => t.dropAndClose());

const pendingEvents = async (organizationId: string) =>
  (await repos.webhookOutbox.pendingOf(organizationId)).flatMap((entry) => entry.events);

let counter = 0;
const organization = async (): Promise<Organization> => {
  counter += 1;
  const now = new Date();
  const org: Organization = {
    id: `org-${counter}-${Date.now().toString(36)}`,
    name: `Org ${counter}`,
    slug: `org${counter}_${Date.now().toString(36)}`,
    collectionName: `org_c${counter}_${Date.now().toString(36)}`,
    adminId: 'admin',
    state: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await repos.organizations.insert(org);
  return org;
};

const endpoint = (organizationId: string, createdAt = new Date(0)): WebhookEndpoint => ({
  id: `ep-${organizationId}-${Math.random().toString(36).slice(2)}`,
  organizationId,
  url: 'http://127.0.0.1:9/',
  description: '',
  eventTypes: ['organization.renamed'],
  status: 'enabled',
  secrets: [{ sealed: 'sealed', expiresAt: null }],
  consecutiveFailures: 0,
  createdAt,
  updatedAt: createdAt,
});

describe('the organization outbox', () => {
  it('records events in the compare-and-set write itself, and the relay moves each exactly once', async () => {
    const org = await organization();
    const target = endpoint(org.id);
    await repos.webhookEndpoints.insert(target);
    const event = newWebhookEvent('organization.renamed', org.id, new Date(), { name: 'x' });
    // A lost compare-and-set records nothing.
    expect(await repos.organizations.compareAndSet(org.id, 99, { name: 'nope' }, [event])).toBeNull();
    expect(await pendingEvents(org.id)).toEqual([]);
    await repos.organizations.compareAndSet(org.id, 1, { name: 'Renamed' }, [event]);
    expect(await pendingEvents(org.id)).toEqual([event]);

    const deps = { ...repos, clock: systemClock };
    // Two relays at once (two instances) and one more afterwards: one event, one delivery.
    await Promise.all([relayOrganizationEvents(deps, org.id), relayPendingEvents(deps)]);
    await relayOrganizationEvents(deps, org.id);
    expect(await pendingEvents(org.id)).toEqual([]);
    expect(await repos.webhookEvents.findById(event.id)).toEqual(event);
    const page = await repos.webhookDeliveries.listByEndpoint(target.id, { limit: 10 });
    expect(page.deliveries.map((d) => d.eventId)).toEqual([event.id]);
  });
});

describe('delivery claims', () => {
  it('give a due delivery to exactly one of 20 concurrent claimers, and only the holder settles it', async () => {
    const org = await organization();
    const now = new Date();
    const event = newWebhookEvent('organization.renamed', org.id, now, {});
    const delivery = newWebhookDelivery(event, `ep-claim-${counter}`, new Date(now.getTime() - 1_000));
    await repos.webhookDeliveries.insertMany([delivery, delivery]);
    const leaseUntil = new Date(now.getTime() + 60_000);
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => repos.webhookDeliveries.claimDue(now, `holder-${i}`, leaseUntil)),
    );
    const winners = claims.flatMap((claim, i) => (claim?.id === delivery.id ? [`holder-${i}`] : []));
    expect(winners).toHaveLength(1);
    const result = {
      status: 'delivered' as const,
      attempts: 1,
      nextAttemptAt: null,
      lastAttempt: null,
      updatedAt: now,
    };
    expect(await repos.webhookDeliveries.settle(delivery.id, 'someone-else', result)).toBe(false);
    expect(await repos.webhookDeliveries.settle(delivery.id, winners[0]!, result)).toBe(true);
    expect((await repos.webhookDeliveries.findById(delivery.id))?.status).toBe('delivered');
  });
});
