import type { WebhookDelivery, WebhookDeliveryRepository } from '@orgsphere/core';
import type { Db, Filter } from 'mongodb';

import { webhookDeliveriesCollection, type WebhookDeliveryDocument } from '../collections.js';
import { isDuplicateKeyError, withDriverErrors } from '../driver-errors.js';

const unleased = new Date(0);

const toDelivery = (doc: WebhookDeliveryDocument): WebhookDelivery => ({
  id: doc._id,
  eventId: doc.event_id,
  eventType: doc.event_type,
  endpointId: doc.endpoint_id,
  organizationId: doc.organization_id,
  status: doc.status,
  attempts: doc.attempts,
  nextAttemptAt: doc.next_attempt_at,
  lastAttempt: doc.last_attempt && {
    at: doc.last_attempt.at,
    statusCode: doc.last_attempt.status_code,
    latencyMs: doc.last_attempt.latency_ms,
    error: doc.last_attempt.error,
    responseExcerpt: doc.last_attempt.response_excerpt,
  },
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

const toAttemptDocument = (attempt: WebhookDelivery['lastAttempt']): WebhookDeliveryDocument['last_attempt'] =>
  attempt && {
    at: attempt.at,
    status_code: attempt.statusCode,
    latency_ms: attempt.latencyMs,
    error: attempt.error,
    response_excerpt: attempt.responseExcerpt,
  };

/** A page cursor: the last delivery's creation time and id (newest first, ties by id). */
const encodeCursor = (doc: WebhookDeliveryDocument) =>
  Buffer.from(`${doc.created_at.getTime()}|${doc._id}`).toString('base64url');
const decodeCursor = (cursor: string) => {
  const [ms = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  return { createdAt: new Date(Number(ms) || 0), id };
};

export const createWebhookDeliveriesRepository = (db: Db): WebhookDeliveryRepository => {
  const deliveries = webhookDeliveriesCollection(db);
  return {
    insertMany: (items) =>
      withDriverErrors(async () => {
        for (const delivery of items) {
          try {
            await deliveries.insertOne({
              _id: delivery.id,
              event_id: delivery.eventId,
              event_type: delivery.eventType,
              endpoint_id: delivery.endpointId,
              organization_id: delivery.organizationId,
              status: delivery.status,
              attempts: delivery.attempts,
              next_attempt_at: delivery.nextAttemptAt,
              lease_holder: null,
              lease_until: unleased,
              last_attempt: toAttemptDocument(delivery.lastAttempt),
              created_at: delivery.createdAt,
              updated_at: delivery.updatedAt,
            });
          } catch (error) {
            // Fanned out before: ids derive from event and endpoint.
            if (!isDuplicateKeyError(error)) throw error;
          }
        }
      }),

    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await deliveries.findOne({ _id: id });
        return doc && toDelivery(doc);
      }),

    claimDue: (now, holder, leaseUntil) =>
      withDriverErrors(async () => {
        // One atomic single-document update: of concurrent claimers exactly one matches.
        const doc = await deliveries.findOneAndUpdate(
          { status: 'pending', next_attempt_at: { $lte: now }, lease_until: { $lte: now } },
          { $set: { lease_holder: holder, lease_until: leaseUntil } },
          { sort: { next_attempt_at: 1 }, returnDocument: 'after' },
        );
        return doc && toDelivery(doc);
      }),

    settle: (id, holder, result) =>
      withDriverErrors(async () => {
        const outcome = await deliveries.updateOne(
          { _id: id, lease_holder: holder },
          {
            $set: {
              status: result.status,
              attempts: result.attempts,
              next_attempt_at: result.nextAttemptAt,
              last_attempt: toAttemptDocument(result.lastAttempt),
              updated_at: result.updatedAt,
              lease_holder: null,
              lease_until: unleased,
            },
          },
        );
        return outcome.modifiedCount === 1;
      }),

    listByEndpoint: (endpointId, { limit, cursor }) =>
      withDriverErrors(async () => {
        const filter: Filter<WebhookDeliveryDocument> = { endpoint_id: endpointId };
        if (cursor) {
          const after = decodeCursor(cursor);
          filter.$or = [
            { created_at: { $lt: after.createdAt } },
            { created_at: after.createdAt, _id: { $lt: after.id } },
          ];
        }
        const docs = await deliveries
          .find(filter)
          .sort({ created_at: -1, _id: -1 })
          .limit(limit + 1)
          .toArray();
        const page = docs.slice(0, limit);
        const last = page.at(-1);
        return {
          deliveries: page.map(toDelivery),
          nextCursor: docs.length > limit && last ? encodeCursor(last) : null,
        };
      }),

    nextDueAt: () =>
      withDriverErrors(async () => {
        const [doc] = await deliveries
          .find({ status: 'pending' }, { projection: { next_attempt_at: 1 } })
          .sort({ next_attempt_at: 1 })
          .limit(1)
          .toArray();
        return doc?.next_attempt_at ?? null;
      }),
  };
};
