import { emailTaken, type User, type UserRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { usersCollection, type UserDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const toUser = (doc: UserDocument): User => ({
  id: doc._id,
  email: doc.email,
  passwordHash: doc.password_hash,
  displayName: doc.display_name,
  sessionVersion: doc.session_version,
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

const toDocument = (user: User): UserDocument => ({
  _id: user.id,
  email: user.email,
  password_hash: user.passwordHash,
  display_name: user.displayName,
  session_version: user.sessionVersion,
  created_at: user.createdAt,
  updated_at: user.updatedAt,
});

export const createUsersRepository = (db: Db): UserRepository => {
  const users = usersCollection(db);
  const taken = () => emailTaken();

  return {
    // The unique email index refuses a taken email, on insert and on update.
    insert: (user) =>
      withDriverErrors(async () => {
        await users.insertOne(toDocument(user));
      }, taken),

    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await users.findOne({ _id: id });
        return doc && toUser(doc);
      }),

    findByEmail: (email) =>
      withDriverErrors(async () => {
        const doc = await users.findOne({ email });
        return doc && toUser(doc);
      }),

    update: (id, changes, options) =>
      withDriverErrors(async () => {
        const set: Partial<UserDocument> = {};
        if (changes.email !== undefined) set.email = changes.email;
        if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
        if (changes.displayName !== undefined) set.display_name = changes.displayName;
        if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
        const doc = await users.findOneAndUpdate(
          { _id: id },
          options?.revokeSessions ? { $set: set, $inc: { session_version: 1 } } : { $set: set },
          { returnDocument: 'after' },
        );
        return doc && toUser(doc);
      }, taken),

    deleteById: (id) =>
      withDriverErrors(async () => {
        await users.deleteOne({ _id: id });
      }),
  };
};
