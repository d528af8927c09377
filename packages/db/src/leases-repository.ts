import type { LeaseRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { leasesCollection } from './collections.js';
import { isDuplicateKeyError, withDriverErrors } from './driver-errors.js';

/**
 * Leases as one document per name. Taking one is a single conditional upsert:
 * it matches when the lease is ours or expired; otherwise the upsert's insert
 * collides on `_id` and we know someone else holds it. TTL indexes are not
 * available everywhere, so expiry is a timestamp compared here.
 */
export const createLeasesRepository = (db: Db): LeaseRepository => {
  const leases = leasesCollection(db);

  return {
    tryAcquire: (name, holder, ttlMs) =>
      withDriverErrors(async () => {
        const now = new Date();
        try {
          const lease = await leases.findOneAndUpdate(
            { _id: name, $or: [{ holder }, { expires_at: { $lte: now } }] },
            { $set: { holder, expires_at: new Date(now.getTime() + ttlMs) } },
            { upsert: true, returnDocument: 'after' },
          );
          return lease?.holder === holder;
        } catch (error) {
          if (isDuplicateKeyError(error)) return false;
          throw error;
        }
      }),

    release: (name, holder) =>
      withDriverErrors(async () => {
        await leases.deleteOne({ _id: name, holder });
      }),
  };
};
