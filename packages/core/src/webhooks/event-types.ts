/**
 * Every event type an endpoint can subscribe to, Standard Webhooks style (`noun.verb`).
 * The one runtime list: input schemas, the OpenAPI description and the docs derive from it.
 */
export const webhookEventTypes = [
  'organization.created',
  'organization.updated',
  'organization.renamed',
  'organization.deleted',
  'organization.restored',
  'organization.purged',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.revoked',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent only by the "send test event" call; no endpoint subscribes to it. */
export const webhookTestEventType = 'webhook.test';

export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (webhookEventTypes as readonly string[]).includes(value);
