import {
  auditActions,
  type AuditEvent,
  type DeletedOrganization,
  type OrganizationState,
  type OrganizationView,
  type SessionTokens,
} from '@orgsphere/core';
import { z } from 'zod';
import { isoTime } from './iso-time.js';

/**
 * Wire shapes keep the original REST contract's snake_case names. Sizes are
 * capped here so oversized input is refused before any work; the domain then
 * applies the real rules (and names the field when it refuses).
 */
export const organizationNameSchema = z
  .string()
  .max(256)
  .describe(
    '2-64 characters after trimming; its slug (lowercase ASCII letters, digits, "_") identifies the organization',
  );

export const emailSchema = z.string().max(320).describe('User email; compared case-insensitively');

export const passwordSchema = z.string().max(1024).describe('8-128 characters');

/** Every lifecycle state, as the operator's lists and the organization's own view name them. */
export const organizationStates = [
  'provisioning',
  'active',
  'renaming',
  'deleting',
  'deleted',
  'suspended',
] as const satisfies readonly OrganizationState[];

export const organizationSchema = z
  .object({
    organization_id: z.string(),
    organization_name: z.string(),
    slug: z.string(),
    collection_name: z.string(),
    admin_id: z.string(),
    admin_email: z.string(),
    created_at: z.string().describe('ISO 8601 timestamp'),
    updated_at: z.string().describe('ISO 8601 timestamp'),
    state: z
      .enum(organizationStates)
      .describe('Lifecycle state: readers see active, or renaming while a rename is in flight'),
    renamed_from: z
      .string()
      .optional()
      .describe('Only when looked up by an old name (after a rename): that name; organization_name is the current one'),
  })
  .meta({ id: 'Organization' });

export const toOrganizationOutput = (view: OrganizationView): z.infer<typeof organizationSchema> => ({
  organization_id: view.organizationId,
  organization_name: view.name,
  slug: view.slug,
  collection_name: view.collectionName,
  admin_id: view.adminId,
  admin_email: view.adminEmail,
  created_at: isoTime(view.createdAt),
  updated_at: isoTime(view.updatedAt),
  state: view.state,
  ...(view.renamedFrom === undefined ? {} : { renamed_from: view.renamedFrom }),
});

/** The original contract's `{message, organization_id, organization_name}`, plus how to undo a soft delete. */
export const deletedOrganizationSchema = z
  .object({
    message: z.string().describe('Says whether the data is gone or when it will be purged'),
    organization_id: z.string(),
    organization_name: z.string(),
    purge_after: z
      .string()
      .nullable()
      .describe('ISO 8601 timestamp: until then the owner can restore it; null when purged already'),
    restore_token: z
      .string()
      .nullable()
      .describe('Shown once: restores the organization at POST /org/restore; null when purged already'),
  })
  .meta({ id: 'DeletedOrganization' });

export const toPurgedOutput = (purged: DeletedOrganization): z.infer<typeof deletedOrganizationSchema> => ({
  message: `Organization "${purged.name}" and all its data were purged`,
  organization_id: purged.organizationId,
  organization_name: purged.name,
  purge_after: null,
  restore_token: null,
});

export const sessionTokensSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().describe('Seconds until the access token expires'),
    refresh_token: z.string().describe('Opaque; exchange it once at /admin/refresh'),
    refresh_expires_in: z.number().int().describe('Seconds until the refresh token expires'),
    admin_id: z.string(),
    organization_id: z.string(),
  })
  .meta({ id: 'SessionTokens' });

export const toSessionTokensOutput = (tokens: SessionTokens): z.infer<typeof sessionTokensSchema> => ({
  access_token: tokens.accessToken,
  token_type: tokens.tokenType,
  expires_in: tokens.expiresInSeconds,
  refresh_token: tokens.refreshToken,
  refresh_expires_in: tokens.refreshExpiresInSeconds,
  admin_id: tokens.adminId,
  organization_id: tokens.organizationId,
});

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO 8601 timestamp'),
    action: z.enum(auditActions),
    outcome: z.enum(['success', 'failure']),
    reason: z.string().nullable(),
    actor_admin_id: z.string().nullable(),
    actor_kind: z
      .enum(['user', 'api_key', 'none'])
      .describe('Who acted: a signed-in person, an API key, or nobody known'),
    actor_api_key_id: z.string().nullable().describe('The API key that acted, when actor_kind is api_key'),
    subject: z
      .string()
      .nullable()
      .describe('Whom a membership, role, invitation or ownership change was about: a user id or an invited email'),
    ip: z.string().nullable(),
    request_id: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const toAuditEventOutput = (event: AuditEvent): z.infer<typeof auditEventSchema> => ({
  id: event.id,
  at: isoTime(event.at),
  action: event.action,
  outcome: event.outcome,
  reason: event.reason,
  actor_admin_id: event.actorAdminId,
  actor_kind: event.actorApiKeyId ? 'api_key' : event.actorAdminId ? 'user' : 'none',
  actor_api_key_id: event.actorApiKeyId ?? null,
  subject: event.subject ?? null,
  ip: event.ip,
  request_id: event.requestId,
});
