import { AppError, type AuditEvent, type AuditFilter, type AuditLog } from '@orgsphere/core';
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
  actorApiKeyId: doc.actor_api_key_id ?? null,
  subject: doc.subject ?? null,
  ip: doc.ip,
  requestId: doc.request_id,
});

/**
 * The query of one page. Ids start with the ISO time of the event, so a date range and the
 * cursor are both bounds on `_id`, which every audit index ends with.
 */
const pageFilter = (
  organizationId: string,
  cursor: string | undefined,
  filter: AuditFilter = {},
): Filter<AuditEventDocument> => {
  const query: Filter<AuditEventDocument> = { organization_id: organizationId };
  if (filter.action) query.action = filter.action;
  if (filter.outcome) query.outcome = filter.outcome;
  if (filter.actorAdminId) query.actor_admin_id = filter.actorAdminId;
  const below = [cursor, filter.to?.toISOString()].filter((bound): bound is string => bound !== undefined).sort()[0];
  const atOrAbove = filter.from?.toISOString();
  if (below !== undefined || atOrAbove !== undefined) {
    query._id = {
      ...(below !== undefined ? { $lt: below } : {}),
      ...(atOrAbove !== undefined ? { $gte: atOrAbove } : {}),
    };
  }
  return query;
};

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
          ...(event.actorApiKeyId ? { actor_api_key_id: event.actorApiKeyId } : {}),
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

    listForOrganization: (organizationId, { limit, cursor, filter }) =>
      withDriverErrors(async () => {
        const docs = await events
          .find(pageFilter(organizationId, cursor || undefined, filter))
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
