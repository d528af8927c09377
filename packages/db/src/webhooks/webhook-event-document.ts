import type { WebhookEvent } from '@orgsphere/core';

import type { WebhookEventDocument } from '../collections.js';

export const toWebhookEventDocument = (event: WebhookEvent): WebhookEventDocument => ({
  _id: event.id,
  type: event.type,
  organization_id: event.organizationId,
  occurred_at: event.occurredAt,
  data: event.data,
});

export const toWebhookEvent = (doc: WebhookEventDocument): WebhookEvent => ({
  id: doc._id,
  type: doc.type as WebhookEvent['type'],
  organizationId: doc.organization_id,
  occurredAt: doc.occurred_at,
  data: doc.data,
});
