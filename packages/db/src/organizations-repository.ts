import {
  nameTaken,
  type Organization,
  type OrganizationNames,
  type OrganizationRepository,
  type OrganizationState,
} from '@orgsphere/core';
import type { Db } from 'mongodb';

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
  created_at: organization.createdAt,
  updated_at: organization.updatedAt,
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
          .find({ state: { $ne: 'active' }, updated_at: { $lt: updatedBefore } })
          .sort({ updated_at: 1 })
          .limit(limit)
          .toArray();
        return docs.map(toOrganization);
      }),

    findRenamingFrom: (collectionName) =>
      withDriverErrors(async () => {
        const doc = await organizations.findOne({ state: 'renaming', 'renamed_from.collection_name': collectionName });
        return doc && toOrganization(doc);
      }),

    countByState: () =>
      withDriverErrors(async () => {
        const counts: Record<OrganizationState, number> = { provisioning: 0, active: 0, renaming: 0, deleting: 0 };
        const groups = await organizations
          .aggregate<{ _id: OrganizationState; count: number }>([{ $group: { _id: '$state', count: { $sum: 1 } } }])
          .toArray();
        for (const group of groups) counts[group._id] = group.count;
        return counts;
      }),
  };
};
