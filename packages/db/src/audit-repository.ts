import { AppError, type AuditEvent, type AuditLog } from '@orgsphere/core';
import type { Db, Filter } from 'mongodb';

import { auditEventsCollection, type AuditEventDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const toEvent = (doc: AuditEventDocument): AuditEvent => ({
  id: doc._id,
  at: doc.at,
  action: doc.action as AuditEvent['action'],
  outcome: doc.outcome,
  reason: doc.reason,
  organizationId: doc.organization_id,
  actorAdminId: doc.actor_admin_id,
  subject: doc.subject ?? null,
  ip: doc.ip,
  requestId: doc.request_id,
});

/** Audit events, append-only. Ids sort by time, so a page is "ids below the cursor". */
export const createAuditRepository = (db: Db): AuditLog => {
  const events = auditEventsCollection(db);

  return {
    record: (event) =>
      withDriverErrors(async () => {
        // The request it records just found the database unreachable: writing now would wait
        // out the same outage a second time before the request could answer.
        if (event.reason === 'STORAGE_UNAVAILABLE') {
          throw new AppError(
            'STORAGE_UNAVAILABLE',
            `Audit event ${event.action} (failure) not written: the database is unreachable`,
          );
        }
        await events.insertOne({
          _id: event.id,
          at: event.at,
          action: event.action,
          outcome: event.outcome,
          reason: event.reason,
          organization_id: event.organizationId,
          subject: event.subject ?? null,
          actor_admin_id: event.actorAdminId,
          ip: event.ip,
          request_id: event.requestId,
        });
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await events.deleteMany({ organization_id: organizationId });
      }),

    listForOrganization: (organizationId, { limit, cursor }) =>
      withDriverErrors(async () => {
        const filter: Filter<AuditEventDocument> = { organization_id: organizationId };
        if (cursor) filter._id = { $lt: cursor };
        const docs = await events
          .find(filter)
          .sort({ _id: -1 })
          .limit(limit + 1)
          .toArray();
        const page = docs.slice(0, limit);
        return {
          events: page.map(toEvent),
          nextCursor: docs.length > limit ? (page.at(-1)?._id ?? null) : null,
        };
      }),
  };
};
