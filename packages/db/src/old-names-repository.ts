import { nameTaken, type OldName, type OldNameRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { oldNamesCollection, type OldNameDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const toOldName = (doc: OldNameDocument): OldName => ({
  slug: doc._id,
  name: doc.name,
  organizationId: doc.organization_id,
  expiresAt: doc.expires_at,
});

export const createOldNamesRepository = (db: Db): OldNameRepository => {
  const oldNames = oldNamesCollection(db);

  return {
    // One upsert: it matches a hold of the same organization or an expired one; otherwise its
    // insert meets the `_id` of another organization's current hold and is refused as a duplicate.
    reserve: (oldName, now) =>
      withDriverErrors(
        async () => {
          await oldNames.updateOne(
            { _id: oldName.slug, $or: [{ organization_id: oldName.organizationId }, { expires_at: { $lte: now } }] },
            {
              $set: {
                name: oldName.name,
                organization_id: oldName.organizationId,
                expires_at: oldName.expiresAt,
                reserved_at: now,
              },
            },
            { upsert: true },
          );
        },
        () => nameTaken(oldName.name),
      ),

    findBySlug: (slug) =>
      withDriverErrors(async () => {
        const doc = await oldNames.findOne({ _id: slug });
        return doc && toOldName(doc);
      }),

    releaseExpired: (slug, now) =>
      withDriverErrors(async () => {
        await oldNames.deleteOne({ _id: slug, expires_at: { $lte: now } });
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await oldNames.deleteMany({ organization_id: organizationId });
      }),

    deleteExpired: (now) =>
      withDriverErrors(async () => (await oldNames.deleteMany({ expires_at: { $lte: now } })).deletedCount),
  };
};
