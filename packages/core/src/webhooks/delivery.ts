/** `pending` until an attempt succeeds (`delivered`) or the retry schedule is used up (`failed`). */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export type WebhookAttemptOutcome = {
  at: Date;
  /** The receiver's HTTP status, or null when no response came (timeout, refused target, network). */
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** At most the first few hundred characters of the response body. */
  responseExcerpt: string | null;
};

/** One event on its way to one endpoint. */
export type WebhookDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  organizationId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttempt: WebhookAttemptOutcome | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Fan-out ids are derived from event and endpoint, so relaying an event twice adds nothing. */
export const fanOutDeliveryId = (eventId: string, endpointId: string): string => `${eventId}.${endpointId}`;

export const newWebhookDelivery = (
  event: { id: string; type: string; organizationId: string },
  endpointId: string,
  at: Date,
  id: string = fanOutDeliveryId(event.id, endpointId),
): WebhookDelivery => ({
  id,
  eventId: event.id,
  eventType: event.type,
  endpointId,
  organizationId: event.organizationId,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at,
  lastAttempt: null,
  createdAt: at,
  updatedAt: at,
});

export type WebhookDeliveryPage = { deliveries: WebhookDelivery[]; nextCursor: string | null };
