import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { newIdFor } from '../ids.js';
import { newWebhookDelivery, type WebhookDelivery, type WebhookDeliveryPage } from './delivery.js';
import { webhookTestEventType } from './event-types.js';
import { findOwnEndpoint, type ManageWebhooksDeps } from './manage-endpoints.js';
import type { WebhookDeliveryRepository, WebhookEventRepository } from './ports.js';
import { newWebhookEvent } from './webhook-event.js';

export type WebhookDeliveriesDeps = Pick<ManageWebhooksDeps, 'webhookEndpoints' | 'clock' | 'newId'> & {
  webhookEvents: WebhookEventRepository;
  webhookDeliveries: WebhookDeliveryRepository;
  /** Told when deliveries were queued here, so this instance's dispatcher starts at once. */
  onDeliveriesQueued?: (() => void) | undefined;
};

export const deliveryPageLimits = { default: 50, max: 200 } as const;

export const listWebhookDeliveries = async (
  deps: WebhookDeliveriesDeps,
  principal: AdminPrincipal,
  input: { endpointId: string; limit?: number | undefined; cursor?: string | undefined },
): Promise<WebhookDeliveryPage> => {
  const endpoint = await findOwnEndpoint(deps, principal, input.endpointId);
  const limit = Math.min(Math.max(input.limit ?? deliveryPageLimits.default, 1), deliveryPageLimits.max);
  return deps.webhookDeliveries.listByEndpoint(endpoint.id, { limit, cursor: input.cursor });
};

const queue = async (deps: WebhookDeliveriesDeps, delivery: WebhookDelivery) => {
  await deps.webhookDeliveries.insertMany([delivery]);
  deps.onDeliveriesQueued?.();
  return delivery;
};

/** Sends one event of the organization to the endpoint again, with the same message id, as a new delivery. */
export const resendWebhookEvent = async (
  deps: WebhookDeliveriesDeps,
  principal: AdminPrincipal,
  input: { endpointId: string; eventId: string },
): Promise<WebhookDelivery> => {
  const endpoint = await findOwnEndpoint(deps, principal, input.endpointId);
  const event = await deps.webhookEvents.findById(input.eventId);
  if (event?.organizationId !== principal.organizationId)
    throw new AppError('WEBHOOK_NOT_FOUND', 'No such event in your organization', { field: 'event_id' });
  const now = deps.clock.now();
  return queue(deps, newWebhookDelivery(event, endpoint.id, now, `${event.id}.${endpoint.id}.${newIdFor(deps)}`));
};

/** A `webhook.test` event sent to this endpoint only, whatever it subscribes to. */
export const sendTestWebhookEvent = async (
  deps: WebhookDeliveriesDeps,
  principal: AdminPrincipal,
  endpointId: string,
): Promise<WebhookDelivery> => {
  const endpoint = await findOwnEndpoint(deps, principal, endpointId);
  const now = deps.clock.now();
  const event = newWebhookEvent(webhookTestEventType, principal.organizationId, now, { endpoint_id: endpoint.id });
  await deps.webhookEvents.insert(event);
  return queue(deps, newWebhookDelivery(event, endpoint.id, now));
};
