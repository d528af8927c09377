import type { WebhookEventRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { webhookEventsCollection } from '../collections.js';
import { isDuplicateKeyError, withDriverErrors } from '../driver-errors.js';
import { toWebhookEvent, toWebhookEventDocument } from './webhook-event-document.js';

export const createWebhookEventsRepository = (db: Db): WebhookEventRepository => {
  const events = webhookEventsCollection(db);
  return {
    insert: (event) =>
      withDriverErrors(async () => {
        try {
          await events.insertOne(toWebhookEventDocument(event));
        } catch (error) {
          // Relayed before: the relay is idempotent by event id.
          if (!isDuplicateKeyError(error)) throw error;
        }
      }),
    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await events.findOne({ _id: id });
        return doc && toWebhookEvent(doc);
      }),
  };
};
