import type { WebhookOutbox } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { organizationsCollection } from '../collections.js';
import { withDriverErrors } from '../driver-errors.js';
import { toWebhookEvent, toWebhookEventDocument } from './webhook-event-document.js';

/** The outbox kept in the organization documents' `pending_events` (see OrganizationRepository.compareAndSet). */
export const createWebhookOutbox = (db: Db): WebhookOutbox => {
  const organizations = organizationsCollection(db);
  return {
    pending: (organizationId) =>
      withDriverErrors(async () => {
        const doc = await organizations.findOne({ _id: organizationId }, { projection: { pending_events: 1 } });
        return (doc?.pending_events ?? []).map(toWebhookEvent);
      }),

    findPending: (limit) =>
      withDriverErrors(async () => {
        // Answered by the sparse index on pending_events._id: only documents with an outbox entry.
        const docs = await organizations
          .find({ 'pending_events._id': { $exists: true } }, { projection: { pending_events: 1 } })
          .limit(limit)
          .toArray();
        return docs.map((doc) => ({ organizationId: doc._id, events: (doc.pending_events ?? []).map(toWebhookEvent) }));
      }),

    acknowledge: (organizationId, events) =>
      withDriverErrors(async () => {
        if (events.length === 0) return;
        // $pullAll removes exactly the entries read (events recorded since stay); the local
        // server ignores $pull's conditions, and exact entries are as good on MongoDB.
        await organizations.updateOne(
          { _id: organizationId },
          { $pullAll: { pending_events: events.map(toWebhookEventDocument) } },
        );
      }),
  };
};
