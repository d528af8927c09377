import {
  nameTaken,
  type Organization,
  type OrganizationNames,
  type OrganizationRepository,
  type OrganizationState,
  unsettledStates,
} from '@orgsphere/core';
import type { Db, Filter } from 'mongodb';

import { organizationsCollection, type OrganizationDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';
import { toWebhookEventDocument } from './webhooks/webhook-event-document.js';

const toOrganization = (doc: OrganizationDocument): Organization => ({
  id: doc._id,
  name: doc.name,
  slug: doc.slug,
  collectionName: doc.collection_name,
  adminId: doc.admin_id,
  state: doc.state,
  version: doc.version,
  renamedFrom: doc.renamed_from
    ? { name: doc.renamed_from.name, slug: doc.renamed_from.slug, collectionName: doc.renamed_from.collection_name }
    : null,
  deletion:
    doc.deleted_at && doc.purge_after && doc.restore_token_hash
      ? { deletedAt: doc.deleted_at, purgeAfter: doc.purge_after, restoreTokenHash: doc.restore_token_hash }
      : null,
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

const toNamesDocument = (names: OrganizationNames) => ({
  name: names.name,
  slug: names.slug,
  collection_name: names.collectionName,
});

const toDocument = (organization: Organization): OrganizationDocument => ({
  _id: organization.id,
  ...toNamesDocument(organization),
  admin_id: organization.adminId,
  state: organization.state,
  version: organization.version,
  renamed_from: organization.renamedFrom ? toNamesDocument(organization.renamedFrom) : null,
  ...toDeletionDocument(organization.deletion ?? null),
  created_at: organization.createdAt,
  updated_at: organization.updatedAt,
});

const toDeletionDocument = (deletion: Organization['deletion'] | null) => ({
  deleted_at: deletion?.deletedAt ?? null,
  purge_after: deletion?.purgeAfter ?? null,
  restore_token_hash: deletion?.restoreTokenHash ?? null,
});

type Changes = Parameters<OrganizationRepository['compareAndSet']>[2];

const toDocumentChanges = (changes: Changes): Partial<OrganizationDocument> => {
  const set: Partial<OrganizationDocument> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.slug !== undefined) set.slug = changes.slug;
  if (changes.collectionName !== undefined) set.collection_name = changes.collectionName;
  if (changes.adminId !== undefined) set.admin_id = changes.adminId;
  if (changes.state !== undefined) set.state = changes.state;
  if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
  if (changes.renamedFrom !== undefined) {
    set.renamed_from = changes.renamedFrom && toNamesDocument(changes.renamedFrom);
  }
  if (changes.deletion !== undefined) Object.assign(set, toDeletionDocument(changes.deletion));
  return set;
};

export const createOrganizationsRepository = (db: Db): OrganizationRepository => {
  const organizations = organizationsCollection(db);
  const taken = () => nameTaken();

  return {
    // The unique slug and collection-name indexes refuse a taken name.
    insert: (organization) =>
      withDriverErrors(async () => {
        await organizations.insertOne(toDocument(organization));
      }, taken),

    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await organizations.findOne({ _id: id });
        return doc && toOrganization(doc);
      }),

    findBySlug: (slug) =>
      withDriverErrors(async () => {
        const doc = await organizations.findOne({ slug });
        return doc && toOrganization(doc);
      }),

    compareAndSet: (id, expectedVersion, changes, events = []) =>
      withDriverErrors(async () => {
        const doc = await organizations.findOneAndUpdate(
          { _id: id, version: expectedVersion },
          {
            $set: toDocumentChanges(changes),
            $inc: { version: 1 },
            // The outbox: the events are part of the very write that makes the change.
            ...(events.length > 0 ? { $push: { pending_events: { $each: events.map(toWebhookEventDocument) } } } : {}),
          },
          { returnDocument: 'after' },
        );
        return doc && toOrganization(doc);
      }, taken),

    deleteById: (id) =>
      withDriverErrors(async () => {
        await organizations.deleteOne({ _id: id });
      }),

    findUnsettled: (updatedBefore, limit) =>
      withDriverErrors(async () => {
        const docs = await organizations
          .find({ state: { $in: [...unsettledStates] }, updated_at: { $lt: updatedBefore } })
          .sort({ updated_at: 1 })
          .limit(limit)
          .toArray();
        return docs.map(toOrganization);
      }),

    findDueForPurge: (now, limit) =>
      withDriverErrors(async () => {
        const docs = await organizations
          .find({ state: 'deleted', purge_after: { $lte: now } })
          .sort({ purge_after: 1 })
          .limit(limit)
          .toArray();
        return docs.map(toOrganization);
      }),

    listPage: ({ state, slugPrefix, after, limit }) =>
      withDriverErrors(async () => {
        const filter: Filter<OrganizationDocument> = {};
        if (state) filter.state = state;
        // A prefix is a range of the slug index: "acme" is [acme, acme + the highest character).
        if (slugPrefix) filter.slug = { $gte: slugPrefix, $lt: `${slugPrefix}\uffff` };
        if (after) {
          filter.$or = [
            { created_at: { $gt: after.createdAt } },
            { created_at: after.createdAt, _id: { $gt: after.id } },
          ];
        }
        const docs = await organizations.find(filter).sort({ created_at: 1, _id: 1 }).limit(limit).toArray();
        return docs.map(toOrganization);
      }),

    findRenamingFrom: (collectionName) =>
      withDriverErrors(async () => {
        const doc = await organizations.findOne({ state: 'renaming', 'renamed_from.collection_name': collectionName });
        return doc && toOrganization(doc);
      }),

    countByState: () =>
      withDriverErrors(async () => {
        const counts: Record<OrganizationState, number> = {
          provisioning: 0,
          active: 0,
          renaming: 0,
          deleting: 0,
          deleted: 0,
          suspended: 0,
        };
        const groups = await organizations
          .aggregate<{ _id: OrganizationState; count: number }>([{ $group: { _id: '$state', count: { $sum: 1 } } }])
          .toArray();
        for (const group of groups) counts[group._id] = group.count;
        return counts;
      }),
  };
};
