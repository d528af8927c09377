import type { Clock } from '../time.js';
import { newWebhookDelivery } from './delivery.js';
import type { MembershipRepository } from '../members/ports.js';
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
  memberships: Pick<MembershipRepository, 'deleteRelayedRemovals'>;
  clock: Clock;
};

/**
 * A removed membership waits, marked, for its member.removed to leave its outbox; once it has,
 * the document goes. Idempotent, and repeated by the reconciler's sweep after a crash here.
 */
const finishRemovals = async (deps: RelayDeps, entries: OutboxEntry[]) => {
  if (entries.some((entry) => entry.holder.kind === 'membership')) await deps.memberships.deleteRelayedRemovals();
};

/**
 * Moves one organization's pending events out of its documents' outboxes: each becomes
 * an event document and one delivery per subscribed endpoint, and only then leaves the
 * outbox. Every write is keyed by the event's id, so a relay interrupted anywhere (or run
 * twice, by two instances) ends with each event and delivery exactly once.
 */
export const relayOrganizationEvents = async (deps: RelayDeps, organizationId: string): Promise<number> => {
  let relayed = 0;
  const entries = await deps.webhookOutbox.pendingOf(organizationId);
  for (const entry of entries) relayed += await relayEntry(deps, entry);
  await finishRemovals(deps, entries);
  return relayed;
};

/** Relays every outbox with pending events (a bounded batch per call). */
export const relayPendingEvents = async (deps: RelayDeps, limit = 100): Promise<number> => {
  let relayed = 0;
  const entries = await deps.webhookOutbox.findPending(limit);
  for (const entry of entries) relayed += await relayEntry(deps, entry);
  await finishRemovals(deps, entries);
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
