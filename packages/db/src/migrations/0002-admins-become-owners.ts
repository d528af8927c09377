import type { Db } from 'mongodb';

import {
  membershipId,
  membershipsCollection,
  organizationCountersCollection,
  usersCollection,
  type UserDocument,
} from '../collections.js';
import { hasErrorCode, namespaceNotFoundCode } from '../driver-errors.js';
import { ensureMasterIndexes } from '../indexes.js';
import type { Migration } from './migration.js';

/** What the release with one admin per organization stored in `admins`. */
type LegacyAdminDocument = Omit<UserDocument, 'display_name'> & { organization_id: string };

const batchSize = 500;

/**
 * Each admin becomes a user (same id, so their tokens and sessions stay valid) and the
 * owner of their organization. Every write is an upsert that leaves existing data
 * alone, and `admins` goes only at the end: a crash anywhere means a rerun from the start.
 */
export const adminsBecomeOwners: Migration = {
  id: '0002-admins-become-owners',
  description: 'Each admin of the single-admin release becomes a user and the owner of their organization',
  up: async (db: Db) => {
    await ensureMasterIndexes(db);
    const admins = db.collection<LegacyAdminDocument>('admins');
    const users = usersCollection(db);
    const memberships = membershipsCollection(db);
    const counters = organizationCountersCollection(db);
    let batch: LegacyAdminDocument[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await users.bulkWrite(
        batch.map((admin) => ({
          updateOne: {
            filter: { _id: admin._id },
            update: {
              $setOnInsert: {
                email: admin.email,
                password_hash: admin.password_hash,
                display_name: admin.email.split('@')[0] ?? admin.email,
                session_version: admin.session_version ?? 1,
                created_at: admin.created_at,
                updated_at: admin.updated_at,
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      await memberships.bulkWrite(
        batch.map((admin) => ({
          updateOne: {
            filter: { _id: membershipId(admin.organization_id, admin._id) },
            update: {
              $setOnInsert: {
                organization_id: admin.organization_id,
                user_id: admin._id,
                role: 'owner' as const,
                created_at: admin.created_at,
                updated_at: admin.created_at,
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      await counters.bulkWrite(
        batch.map((admin) => ({
          updateOne: {
            filter: { _id: admin.organization_id },
            update: { $setOnInsert: { owners: 1, members: 1, pending_invitations: 0 } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      batch = [];
    };
    for await (const admin of admins.find({})) {
      batch.push(admin);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await admins.drop().catch((error: unknown) => {
      if (!hasErrorCode(error, namespaceNotFoundCode)) throw error;
    });
  },
};
