import type { Clock } from '../time.js';
import { newWebhookDelivery } from './delivery.js';
import type {
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WebhookEventRepository,
  WebhookOutbox,
} from './ports.js';
import type { WebhookEvent } from './webhook-event.js';

export type RelayDeps = {
  webhookOutbox: WebhookOutbox;
  webhookEvents: Pick<WebhookEventRepository, 'insert'>;
  webhookEndpoints: Pick<WebhookEndpointRepository, 'listByOrganization'>;
  webhookDeliveries: Pick<WebhookDeliveryRepository, 'insertMany'>;
  clock: Clock;
};

/**
 * Moves events out of an organization's outbox: each becomes an event document and one
 * delivery per subscribed endpoint, and only then leaves the outbox. Every write is keyed
 * by the event's id, so a relay interrupted anywhere (or run twice, by two instances)
 * ends with each event and delivery exactly once.
 */
export const relayOrganizationEvents = async (deps: RelayDeps, organizationId: string): Promise<number> => {
  const events = await deps.webhookOutbox.pending(organizationId);
  await relayEvents(deps, organizationId, events);
  return events.length;
};

/** Relays every outbox with pending events (at most `limit` organizations per call). */
export const relayPendingEvents = async (deps: RelayDeps, limit = 100): Promise<number> => {
  let relayed = 0;
  for (const { organizationId, events } of await deps.webhookOutbox.findPending(limit)) {
    await relayEvents(deps, organizationId, events);
    relayed += events.length;
  }
  return relayed;
};

const relayEvents = async (deps: RelayDeps, organizationId: string, events: WebhookEvent[]) => {
  if (events.length === 0) return;
  const endpoints = await deps.webhookEndpoints.listByOrganization(organizationId);
  const now = deps.clock.now();
  for (const event of events) {
    await deps.webhookEvents.insert(event);
    // An endpoint gets what happened after it was registered, however late the relay runs.
    const subscribed = endpoints.filter(
      (endpoint) =>
        endpoint.status !== 'disabled' &&
        endpoint.createdAt <= event.occurredAt &&
        (endpoint.eventTypes as string[]).includes(event.type),
    );
    await deps.webhookDeliveries.insertMany(subscribed.map((endpoint) => newWebhookDelivery(event, endpoint.id, now)));
  }
  await deps.webhookOutbox.acknowledge(organizationId, events);
};
