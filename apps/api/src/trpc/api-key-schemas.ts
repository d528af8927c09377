import { maxRotationGraceSeconds, permissions, type ApiKeyView, type IssuedApiKey } from '@orgsphere/core';
import { z } from 'zod';
import { isoTime, isoTimeOrNull } from './iso-time.js';

export const scopeSchema = z.enum(permissions).describe('A permission of the permission table');

export const apiKeyIdSchema = z.string().min(1).max(128).describe('The key’s id (api_key_id in lists)');

export const graceSecondsSchema = z
  .number()
  .int()
  .min(0)
  .max(maxRotationGraceSeconds)
  .describe('How long the old secret keeps working, in seconds (0 to 86400)');

/** Default grace of a rotation: long enough to roll a deployment, short enough to matter. */
export const defaultGraceSeconds = 3_600;

const timestamp = z.string().describe('ISO 8601 timestamp');

export const apiKeySchema = z
  .object({
    api_key_id: z.string(),
    organization_id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the secret, to tell keys apart'),
    scopes: z.array(scopeSchema),
    created_by: z.string().describe('user_id of the person who created it'),
    created_at: timestamp,
    last_used_at: timestamp.nullable().describe('Written in batches: may lag by the flush interval on other instances'),
    expires_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
    rotated_at: timestamp.nullable(),
    previous_secret_valid_until: timestamp.nullable().describe('Until when the secret replaced by a rotation works'),
    state: z.enum(['active', 'revoked', 'expired']),
  })
  .meta({ id: 'ApiKey' });

export const issuedApiKeySchema = apiKeySchema
  .extend({ secret: z.string().describe('The key itself: shown this once, store it now') })
  .meta({ id: 'IssuedApiKey' });

export const toApiKeyOutput = (key: ApiKeyView): z.infer<typeof apiKeySchema> => ({
  api_key_id: key.id,
  organization_id: key.organizationId,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  created_by: key.createdBy,
  created_at: isoTime(key.createdAt),
  last_used_at: isoTimeOrNull(key.lastUsedAt),
  expires_at: isoTimeOrNull(key.expiresAt),
  revoked_at: isoTimeOrNull(key.revokedAt),
  rotated_at: isoTimeOrNull(key.rotatedAt),
  previous_secret_valid_until: isoTimeOrNull(key.previousValidUntil),
  state: key.state,
});

export const toIssuedApiKeyOutput = (issued: IssuedApiKey): z.infer<typeof issuedApiKeySchema> => ({
  ...toApiKeyOutput(issued.key),
  secret: issued.secret,
});
