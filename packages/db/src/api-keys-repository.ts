import { AppError, type ApiKey, type ApiKeyRepository, type Permission } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { apiKeysCollection, type ApiKeyDocument } from './collections.js';
import { withDriverErrors } from './driver-errors.js';

const toApiKey = (doc: ApiKeyDocument): ApiKey => ({
  id: doc._id,
  organizationId: doc.organization_id,
  name: doc.name,
  prefix: doc.prefix,
  scopes: doc.scopes as Permission[],
  createdBy: doc.created_by,
  createdAt: doc.created_at,
  expiresAt: doc.expires_at,
  revokedAt: doc.revoked_at,
  lastUsedAt: doc.last_used_at,
  secretHash: doc.secret_hash,
  previousSecretHash: doc.previous_secret_hash ?? null,
  previousValidUntil: doc.previous_valid_until,
  rotatedAt: doc.rotated_at,
  version: doc.version,
});

const toDocument = (key: ApiKey): ApiKeyDocument => ({
  _id: key.id,
  organization_id: key.organizationId,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  created_by: key.createdBy,
  created_at: key.createdAt,
  expires_at: key.expiresAt,
  revoked_at: key.revokedAt,
  last_used_at: key.lastUsedAt,
  secret_hash: key.secretHash,
  ...(key.previousSecretHash ? { previous_secret_hash: key.previousSecretHash } : {}),
  previous_valid_until: key.previousValidUntil,
  rotated_at: key.rotatedAt,
  version: key.version,
});

export const createApiKeysRepository = (db: Db): ApiKeyRepository => {
  const keys = apiKeysCollection(db);

  return {
    insert: (key) =>
      withDriverErrors(
        async () => {
          await keys.insertOne(toDocument(key));
        },
        // Two 256-bit secrets colliding is not going to happen; say so if it ever does.
        () => new AppError('ORG_BUSY', 'Could not issue an API key secret; retry'),
      ),

    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await keys.findOne({ _id: id });
        return doc && toApiKey(doc);
      }),

    // Two equality lookups, each answered by its own index; the second only for a miss.
    findBySecretHash: (hash) =>
      withDriverErrors(async () => {
        const doc = (await keys.findOne({ secret_hash: hash })) ?? (await keys.findOne({ previous_secret_hash: hash }));
        return doc && toApiKey(doc);
      }),

    listByOrganization: (organizationId) =>
      withDriverErrors(async () =>
        (await keys.find({ organization_id: organizationId }).sort({ created_at: -1, _id: -1 }).toArray()).map(
          toApiKey,
        ),
      ),

    update: (id, expectedVersion, changes) =>
      withDriverErrors(
        async () => {
          const set: Partial<ApiKeyDocument> = {};
          const unset: Partial<Record<keyof ApiKeyDocument, ''>> = {};
          if (changes.revokedAt !== undefined) set.revoked_at = changes.revokedAt;
          if (changes.secretHash !== undefined) set.secret_hash = changes.secretHash;
          if (changes.prefix !== undefined) set.prefix = changes.prefix;
          if (changes.previousSecretHash !== undefined) {
            if (changes.previousSecretHash) set.previous_secret_hash = changes.previousSecretHash;
            else unset.previous_secret_hash = '';
          }
          if (changes.previousValidUntil !== undefined) set.previous_valid_until = changes.previousValidUntil;
          if (changes.rotatedAt !== undefined) set.rotated_at = changes.rotatedAt;
          const doc = await keys.findOneAndUpdate(
            { _id: id, version: expectedVersion },
            {
              $set: { ...set, version: expectedVersion + 1 },
              ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
            },
            { returnDocument: 'after' },
          );
          return doc && toApiKey(doc);
        },
        () => new AppError('ORG_BUSY', 'Could not issue an API key secret; retry'),
      ),

    recordLastUsed: (uses) =>
      withDriverErrors(async () => {
        if (uses.length === 0) return;
        // Conditional, so a late flush from another instance never moves it back.
        await keys.bulkWrite(
          uses.map(({ id, at }) => ({
            updateOne: {
              filter: { _id: id, $or: [{ last_used_at: null }, { last_used_at: { $lt: at } }] },
              update: { $set: { last_used_at: at } },
            },
          })),
          { ordered: false },
        );
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await keys.deleteMany({ organization_id: organizationId });
      }),
  };
};
