import type { OwnerCountRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { ownerCountsCollection } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

export const createOwnerCountsRepository = (db: Db): OwnerCountRepository => {
  const counts = ownerCountsCollection(db);

  return {
    initialize: (organizationId, owners) =>
      withDriverErrors(async () => {
        await counts.updateOne({ _id: organizationId }, { $setOnInsert: { owners } }, { upsert: true });
      }),

    // One conditional write: the filter and the decrement are applied atomically by the server.
    decrementIfNotLast: (organizationId) =>
      withDriverErrors(async () => {
        const result = await counts.updateOne({ _id: organizationId, owners: { $gt: 1 } }, { $inc: { owners: -1 } });
        return result.modifiedCount === 1;
      }),

    increment: (organizationId) =>
      withDriverErrors(async () => {
        await counts.updateOne({ _id: organizationId }, { $inc: { owners: 1 } }, { upsert: true });
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await counts.deleteOne({ _id: organizationId });
      }),
  };
};
