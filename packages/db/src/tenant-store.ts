import { AppError, type TenantStore } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { hasErrorCode, namespaceExistsCode, namespaceNotFoundCode, withDriverErrors } from './driver-errors.js';

/**
 * One collection per tenant in one database: renameCollection only works within
 * a database on every server we support, and it keeps documents and indexes.
 */
export const createTenantStore = (db: Db): TenantStore => {
  const exists = (collectionName: string) =>
    withDriverErrors(async () => {
      const found = await db.listCollections({ name: collectionName }, { nameOnly: true }).toArray();
      return found.length > 0;
    });

  return {
    exists,

    create: (collectionName, options) =>
      withDriverErrors(async () => {
        try {
          await db.createCollection(collectionName);
        } catch (error) {
          if (!hasErrorCode(error, namespaceExistsCode)) throw error;
          if (options?.exclusive) {
            throw new AppError(
              'ORG_BUSY',
              'The storage for this name still holds data that is being moved away; retry shortly',
              { field: 'organization_name' },
            );
          }
        }
      }),

    rename: (fromCollection, toCollection) =>
      withDriverErrors(async () => {
        try {
          await db.renameCollection(fromCollection, toCollection, { dropTarget: false });
        } catch (error) {
          // Already moved by an earlier, interrupted attempt: the target holds the data.
          if (hasErrorCode(error, namespaceNotFoundCode) && (await exists(toCollection))) return;
          throw error;
        }
      }),

    drop: (collectionName) =>
      withDriverErrors(async () => {
        try {
          await db.collection(collectionName).drop();
        } catch (error) {
          if (!hasErrorCode(error, namespaceNotFoundCode)) throw error;
        }
      }),
  };
};
