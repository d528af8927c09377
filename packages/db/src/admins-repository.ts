import { emailTaken, type Admin, type AdminRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { adminEmailsCollection, adminsCollection, type AdminDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';
import { createKeyLinks, type KeyLinks } from './key-links.js';

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

/** email -> admin id, so a login finds its admin by two reads by `_id` (see key-links.ts). */
export const adminEmailLinks = (db: Db): KeyLinks<AdminDocument> =>
  createKeyLinks(adminEmailsCollection(db), adminsCollection(db), 'email');

export const createAdminsRepository = (db: Db): AdminRepository => {
  const admins = adminsCollection(db);
  const emails = adminEmailLinks(db);
  const taken = () => emailTaken();
  const findById = async (id: string) => {
    const doc = await admins.findOne({ _id: id });
    return doc && toAdmin(doc);
  };

  return {
    insert: (admin) =>
      withDriverErrors(async () => {
        await emails.claim(admin.email, admin.id, () => admins.insertOne(toDocument(admin)), taken);
      }, taken),

    findById: (id) => withDriverErrors(() => findById(id)),

    findByEmail: (email) =>
      withDriverErrors(async () => {
        const doc = await emails.holder(email);
        return doc && toAdmin(doc);
      }),

    update: (id, changes, options) =>
      withDriverErrors(async () => {
        const set: Partial<AdminDocument> = {};
        if (changes.email !== undefined) set.email = changes.email;
        if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
        if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
        const before = await emails.claim(
          changes.email,
          id,
          () =>
            admins.findOneAndUpdate(
              { _id: id },
              options?.revokeSessions ? { $set: set, $inc: { session_version: 1 } } : { $set: set },
              { returnDocument: 'before' },
            ),
          taken,
        );
        if (!before) return null;
        if (before.email !== set.email && set.email !== undefined) await emails.unlink(before.email, id);
        const sessionVersion = (before.session_version ?? 1) + (options?.revokeSessions ? 1 : 0);
        return toAdmin({ ...before, ...set, session_version: sessionVersion });
      }, taken),

    deleteById: (id) =>
      withDriverErrors(async () => {
        const deleted = await admins.findOneAndDelete({ _id: id });
        if (deleted) await emails.unlink(deleted.email, id);
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        const doomed = await admins.find({ organization_id: organizationId }, { projection: { email: 1 } }).toArray();
        await admins.deleteMany({ organization_id: organizationId });
        for (const admin of doomed) await emails.unlink(admin.email, admin._id);
      }),
  };
};
