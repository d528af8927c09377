import type { RefreshTokenRecord, Session, SessionRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import {
  refreshTokensCollection,
  sessionsCollection,
  type RefreshTokenDocument,
  type SessionDocument,
} from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const toSession = (doc: SessionDocument): Session => ({
  id: doc._id,
  adminId: doc.admin_id,
  organizationId: doc.organization_id,
  createdAt: doc.created_at,
  lastUsedAt: doc.last_used_at,
  expiresAt: doc.expires_at,
  userAgent: doc.user_agent,
  ip: doc.ip,
  revokedAt: doc.revoked_at,
});

const toRecord = (doc: RefreshTokenDocument): RefreshTokenRecord => ({
  hash: doc._id,
  sessionId: doc.session_id,
  adminId: doc.admin_id,
  createdAt: doc.created_at,
  expiresAt: doc.expires_at,
  rotatedAt: doc.rotated_at,
});

/** User agents are client-controlled: keep them to a sane size. */
const clip = (text: string | null | undefined, max = 512) => (text ? text.slice(0, max) : null);

export const createSessionsRepository = (db: Db): SessionRepository => {
  const sessions = sessionsCollection(db);
  const refreshTokens = refreshTokensCollection(db);

  return {
    insertSession: (session) =>
      withDriverErrors(async () => {
        await sessions.insertOne({
          _id: session.id,
          admin_id: session.adminId,
          organization_id: session.organizationId,
          created_at: session.createdAt,
          last_used_at: session.lastUsedAt,
          expires_at: session.expiresAt,
          user_agent: clip(session.userAgent),
          ip: clip(session.ip, 64),
          revoked_at: session.revokedAt,
        });
      }),

    findSession: (id) =>
      withDriverErrors(async () => {
        const doc = await sessions.findOne({ _id: id });
        return doc && toSession(doc);
      }),

    touchSession: (id, at, client) =>
      withDriverErrors(async () => {
        await sessions.updateOne(
          { _id: id },
          { $set: { last_used_at: at, user_agent: clip(client.userAgent), ip: clip(client.ip, 64) } },
        );
      }),

    revokeSession: (id, at) =>
      withDriverErrors(async () => {
        await sessions.updateOne({ _id: id, revoked_at: null }, { $set: { revoked_at: at } });
      }),

    revokeAllSessions: (adminId, at) =>
      withDriverErrors(async () => {
        await sessions.updateMany({ admin_id: adminId, revoked_at: null }, { $set: { revoked_at: at } });
      }),

    // Equality on admin_id, the first field of its index; a user has few live sessions.
    listActiveSessions: (adminId, now, limit) =>
      withDriverErrors(async () => {
        const docs = await sessions
          .find({ admin_id: adminId, revoked_at: null, expires_at: { $gt: now } })
          .sort({ last_used_at: -1, _id: 1 })
          .limit(limit)
          .toArray();
        return docs.map(toSession);
      }),

    revokeOrganizationSessions: (organizationId, at) =>
      withDriverErrors(async () => {
        await sessions.updateMany({ organization_id: organizationId, revoked_at: null }, { $set: { revoked_at: at } });
      }),

    insertRefreshToken: (record) =>
      withDriverErrors(async () => {
        await refreshTokens.insertOne({
          _id: record.hash,
          session_id: record.sessionId,
          admin_id: record.adminId,
          created_at: record.createdAt,
          expires_at: record.expiresAt,
          rotated_at: record.rotatedAt,
        });
      }),

    findRefreshToken: (hash) =>
      withDriverErrors(async () => {
        const doc = await refreshTokens.findOne({ _id: hash });
        return doc && toRecord(doc);
      }),

    markRotated: (hash, at) =>
      withDriverErrors(async () => {
        const result = await refreshTokens.updateOne({ _id: hash, rotated_at: null }, { $set: { rotated_at: at } });
        return result.modifiedCount === 1;
      }),

    deleteExpired: (now) =>
      withDriverErrors(async () => {
        const tokens = await refreshTokens.deleteMany({ expires_at: { $lt: now } });
        const expired = await sessions.deleteMany({ expires_at: { $lt: now } });
        return tokens.deletedCount + expired.deletedCount;
      }),
  };
};
