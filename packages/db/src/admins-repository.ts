import { emailTaken, type Admin, type AdminRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { adminsCollection, type AdminDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const toAdmin = (doc: AdminDocument): Admin => ({
  id: doc._id,
  email: doc.email,
  passwordHash: doc.password_hash,
  organizationId: doc.organization_id,
  sessionVersion: doc.session_version ?? 1,
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

const toDocument = (admin: Admin): AdminDocument => ({
  _id: admin.id,
  email: admin.email,
  password_hash: admin.passwordHash,
  organization_id: admin.organizationId,
  session_version: admin.sessionVersion,
  created_at: admin.createdAt,
  updated_at: admin.updatedAt,
});

export const createAdminsRepository = (db: Db): AdminRepository => {
  const admins = adminsCollection(db);
  const taken = () => emailTaken();

  return {
    // The unique email index refuses a taken email, on insert and on update.
    insert: (admin) =>
      withDriverErrors(async () => {
        await admins.insertOne(toDocument(admin));
      }, taken),

    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await admins.findOne({ _id: id });
        return doc && toAdmin(doc);
      }),

    findByEmail: (email) =>
      withDriverErrors(async () => {
        const doc = await admins.findOne({ email });
        return doc && toAdmin(doc);
      }),

    update: (id, changes, options) =>
      withDriverErrors(async () => {
        const set: Partial<AdminDocument> = {};
        if (changes.email !== undefined) set.email = changes.email;
        if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
        if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
        const doc = await admins.findOneAndUpdate(
          { _id: id },
          options?.revokeSessions ? { $set: set, $inc: { session_version: 1 } } : { $set: set },
          { returnDocument: 'after' },
        );
        return doc && toAdmin(doc);
      }, taken),

    deleteById: (id) =>
      withDriverErrors(async () => {
        await admins.deleteOne({ _id: id });
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await admins.deleteMany({ organization_id: organizationId });
      }),
  };
};
