import type { Db } from 'mongodb';

import { adminsCollection, organizationsCollection } from './collections.js';

/**
 * Creates the master indexes; idempotent, run at every start-up. The unique ones
 * are the final arbiters of names and emails under concurrent requests.
 */
export const ensureMasterIndexes = async (db: Db): Promise<void> => {
  await organizationsCollection(db).createIndexes([
    { key: { slug: 1 }, name: 'slug_unique', unique: true },
    { key: { collection_name: 1 }, name: 'collection_name_unique', unique: true },
    { key: { admin_id: 1 }, name: 'admin_id' },
    { key: { state: 1 }, name: 'state' },
  ]);
  await adminsCollection(db).createIndexes([
    { key: { email: 1 }, name: 'email_unique', unique: true },
    { key: { organization_id: 1 }, name: 'organization_id' },
  ]);
};
