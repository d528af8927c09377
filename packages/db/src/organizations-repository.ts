import {
  nameTaken,
  type Organization,
  type OrganizationNames,
  type OrganizationRepository,
  type OrganizationState,
} from '@orgsphere/core';
import type { Db } from 'mongodb';

import { organizationSlugsCollection, organizationsCollection, type OrganizationDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';
import { createKeyLinks, type KeyLinks } from './key-links.js';

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

/** slug -> organization id, so a lookup by name is two reads by `_id` (see key-links.ts). */
export const organizationSlugLinks = (db: Db): KeyLinks<OrganizationDocument> =>
  createKeyLinks(organizationSlugsCollection(db), organizationsCollection(db), 'slug');

export const createOrganizationsRepository = (db: Db): OrganizationRepository => {
  const organizations = organizationsCollection(db);
  const slugs = organizationSlugLinks(db);
  const taken = () => nameTaken();

  const findById = async (id: string) => {
    const doc = await organizations.findOne({ _id: id });
    return doc && toOrganization(doc);
  };

  return {
    insert: (organization) =>
      withDriverErrors(async () => {
        await slugs.claim(organization.slug, organization.id, () => organizations.insertOne(toDocument(organization)), taken);
      }, taken),

    findById: (id) => withDriverErrors(() => findById(id)),

    findBySlug: (slug) =>
      withDriverErrors(async () => {
        const doc = await slugs.holder(slug);
        return doc && toOrganization(doc);
      }),

    compareAndSet: (id, expectedVersion, changes) =>
      withDriverErrors(async () => {
        const set = toDocumentChanges(changes);
        const before = await slugs.claim(
          changes.slug,
          id,
          () => organizations.findOneAndUpdate({ _id: id, version: expectedVersion }, { $set: set, $inc: { version: 1 } }, { returnDocument: 'before' }),
          taken,
        );
        if (!before) return null;
        const after = toOrganization({ ...before, ...set, version: before.version + 1 });
        // Every change re-links the current slug, so an interrupted rename heals when the reconciler finishes it.
        if (changes.slug === undefined && after.state !== 'deleting') await slugs.link(after.slug, id);
        if (before.slug !== after.slug) await slugs.unlink(before.slug, id);
        return after;
      }, taken),

    deleteById: (id) =>
      withDriverErrors(async () => {
        const deleted = await organizations.findOneAndDelete({ _id: id });
        if (deleted) await slugs.unlink(deleted.slug, id);
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
