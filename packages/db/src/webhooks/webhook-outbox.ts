import type { OutboxEntry, OutboxHolder, WebhookOutbox } from '@orgsphere/core';
import type { Collection, Db, Filter } from 'mongodb';

import {
  invitationsCollection,
  membershipsCollection,
  organizationsCollection,
  type WebhookEventDocument,
} from '../collections.js';
import { withDriverErrors } from '../driver-errors.js';
import { toWebhookEvent, toWebhookEventDocument } from './webhook-event-document.js';

type OutboxDocument = { _id: string; organization_id?: string; pending_events?: WebhookEventDocument[] };

/** Answered by the sparse index on pending_events._id: only documents with an outbox entry. */
const withPending = { 'pending_events._id': { $exists: true } };

/**
 * The outboxes kept in the organization, membership and invitation documents'
 * `pending_events`, each written by the very write that made the change (see the
 * repositories' `events` parameters).
 */
export const createWebhookOutbox = (db: Db): WebhookOutbox => {
  const holders = {
    organization: organizationsCollection(db) as unknown as Collection<OutboxDocument>,
    membership: membershipsCollection(db) as unknown as Collection<OutboxDocument>,
    invitation: invitationsCollection(db) as unknown as Collection<OutboxDocument>,
  } satisfies Record<OutboxHolder['kind'], Collection<OutboxDocument>>;

  const entriesOf = async (kind: OutboxHolder['kind'], filter: Filter<OutboxDocument>, limit = 0) => {
    const docs = await holders[kind]
      .find(filter, { projection: { organization_id: 1, pending_events: 1 } })
      .limit(limit)
      .toArray();
    return docs
      .filter((doc) => (doc.pending_events ?? []).length > 0)
      .map((doc): OutboxEntry => ({
        holder: { kind, id: doc._id },
        organizationId: kind === 'organization' ? doc._id : (doc.organization_id ?? ''),
        events: (doc.pending_events ?? []).map(toWebhookEvent),
      }));
  };

  return {
    pendingOf: (organizationId) =>
      withDriverErrors(async () => [
        ...(await entriesOf('organization', { _id: organizationId })),
        ...(await entriesOf('membership', { organization_id: organizationId, ...withPending })),
        ...(await entriesOf('invitation', { organization_id: organizationId, ...withPending })),
      ]),

    findPending: (limit) =>
      withDriverErrors(async () => [
        ...(await entriesOf('organization', withPending, limit)),
        ...(await entriesOf('membership', withPending, limit)),
        ...(await entriesOf('invitation', withPending, limit)),
      ]),

    acknowledge: ({ holder, events }) =>
      withDriverErrors(async () => {
        if (events.length === 0) return;
        // $pullAll removes exactly the entries read (events recorded since stay); the local
        // server ignores $pull's conditions, and exact entries are as good on MongoDB.
        await holders[holder.kind].updateOne(
          { _id: holder.id },
          { $pullAll: { pending_events: events.map(toWebhookEventDocument) } },
        );
      }),
  };
};
