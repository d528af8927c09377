import type { OrganizationCounter, OrganizationCounterRepository } from '@orgsphere/core';
import type { Db, Filter } from 'mongodb';

import { organizationCountersCollection, type OrganizationCountersDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const fields = {
  owners: 'owners',
  members: 'members',
  pendingInvitations: 'pending_invitations',
} as const satisfies Record<OrganizationCounter, keyof OrganizationCountersDocument>;

export const createOrganizationCountersRepository = (db: Db): OrganizationCounterRepository => {
  const counters = organizationCountersCollection(db);

  return {
    initialize: (organizationId, counts) =>
      withDriverErrors(async () => {
        await counters.updateOne(
          { _id: organizationId },
          {
            $setOnInsert: {
              owners: counts.owners,
              members: counts.members,
              pending_invitations: counts.pendingInvitations,
            },
          },
          { upsert: true },
        );
      }),

    // The bound is part of the filter: the server checks and changes in one atomic write.
    adjust: (organizationId, counter, by, bounds = {}) =>
      withDriverErrors(async () => {
        const field = fields[counter];
        const min = bounds.min ?? 0;
        const limit = by < 0 ? { $gte: min + 1 } : bounds.max === undefined ? undefined : { $lte: bounds.max - 1 };
        const filter: Filter<OrganizationCountersDocument> = limit
          ? { _id: organizationId, [field]: limit }
          : { _id: organizationId };
        const result = await counters.updateOne(filter, { $inc: { [field]: by } });
        return result.modifiedCount === 1;
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await counters.deleteOne({ _id: organizationId });
      }),
  };
};
