import type { Clock } from '../time.js';
import { newWebhookDelivery } from './delivery.js';
import type {
  OutboxEntry,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WebhookEventRepository,
  WebhookOutbox,
} from './ports.js';

export type RelayDeps = {
  webhookOutbox: WebhookOutbox;
  webhookEvents: Pick<WebhookEventRepository, 'insert'>;
  webhookEndpoints: Pick<WebhookEndpointRepository, 'listByOrganization'>;
  webhookDeliveries: Pick<WebhookDeliveryRepository, 'insertMany'>;
  clock: Clock;
};

/**
 * Moves one organization's pending events out of its documents' outboxes: each becomes
 * an event document and one delivery per subscribed endpoint, and only then leaves the
 * outbox. Every write is keyed by the event's id, so a relay interrupted anywhere (or run
 * twice, by two instances) ends with each event and delivery exactly once.
 */
export const relayOrganizationEvents = async (deps: RelayDeps, organizationId: string): Promise<number> => {
  let relayed = 0;
  for (const entry of await deps.webhookOutbox.pendingOf(organizationId)) relayed += await relayEntry(deps, entry);
  return relayed;
};

/** Relays every outbox with pending events (a bounded batch per call). */
export const relayPendingEvents = async (deps: RelayDeps, limit = 100): Promise<number> => {
  let relayed = 0;
  for (const entry of await deps.webhookOutbox.findPending(limit)) relayed += await relayEntry(deps, entry);
  return relayed;
};

const relayEntry = async (deps: RelayDeps, entry: OutboxEntry): Promise<number> => {
  if (entry.events.length === 0) return 0;
  const endpoints = await deps.webhookEndpoints.listByOrganization(entry.organizationId);
  const now = deps.clock.now();
  for (const event of entry.events) {
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
  await deps.webhookOutbox.acknowledge(entry);
  return entry.events.length;
};
