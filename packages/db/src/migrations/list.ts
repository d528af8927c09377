import { hasErrorCode, namespaceNotFoundCode } from '../driver-errors.js';
import { ensureMasterIndexes } from '../indexes.js';
import { adminsBecomeOwners } from './0002-admins-become-owners.js';
import type { Migration } from './migration.js';

/**
 * Every migration, oldest first; each runs once per database, in this order.
 * Adding one is appending an entry here (never reorder, rename or remove one).
 */
export const migrations: readonly Migration[] = [
  {
    id: '0001-drop-key-links',
    description:
      'Lookups by slug and email use the unique indexes; the link collections of the release before (organization_slugs, admin_emails) go',
    up: async (db) => {
      // The indexes answer the lookups once the links are gone.
      await ensureMasterIndexes(db);
      for (const name of ['organization_slugs', 'admin_emails']) {
        await db
          .collection(name)
          .drop()
          .catch((error: unknown) => {
            if (!hasErrorCode(error, namespaceNotFoundCode)) throw error;
          });
      }
    },
  },
  adminsBecomeOwners,
];
