import type { WebhookEventType, webhookTestEventType } from './event-types.js';

/**
 * Something that happened to an organization, as sent to its endpoints. `id` is the
 * Standard Webhooks message id (`webhook-id`): the same on every attempt and re-send,
 * so receivers can drop duplicates.
 */
export type WebhookEvent = {
  id: string;
  type: WebhookEventType | typeof webhookTestEventType;
  organizationId: string;
  occurredAt: Date;
  /** The payload's `data`, with wire (snake_case) names. */
  data: Record<string, unknown>;
};

/** Ids that sort by time, so the newest events of an organization come first by `_id`. */
export const newWebhookEventId = (at: Date): string =>
  `msg_${at.getTime().toString(36).padStart(9, '0')}${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;

export const newWebhookEvent = (
  type: WebhookEvent['type'],
  organizationId: string,
  at: Date,
  data: Record<string, unknown>,
): WebhookEvent => ({
  id: newWebhookEventId(at),
  type,
  organizationId,
  occurredAt: at,
  data: { organization_id: organizationId, ...data },
});

/** The body every endpoint receives (Standard Webhooks: type, timestamp, data). */
export const webhookPayload = (event: WebhookEvent): string =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
