import { grantableScopes } from '@orgsphere/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  apiKeyIdSchema,
  apiKeySchema,
  defaultGraceSeconds,
  graceSecondsSchema,
  issuedApiKeySchema,
  scopeSchema,
  toApiKeyOutput,
  toIssuedApiKeyOutput,
} from '../api-key-schemas.js';
import { memberProcedure } from '../init.js';

const tags = ['api-keys'];

/**
 * API keys of the caller's active organization, managed by its owners and admins.
 * Keys themselves cannot call these (no meta `apiKeys`): a key never mints keys.
 */
export const apiKeysRouter = {
  create: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api-keys',
        tags,
        protect: true,
        summary: 'Create an API key with scopes you hold; the secret is in this response only',
      },
      audit: 'apiKey.create',
    })
    .input(
      z.object({
        name: z.string().min(1).max(100),
        scopes: z.array(scopeSchema).min(1).max(32),
        expires_at: z.iso.datetime({ offset: true }).optional().describe('ISO 8601; none: the key does not expire'),
      }),
    )
    .output(issuedApiKeySchema)
    .mutation(async ({ ctx, input }) =>
      toIssuedApiKeyOutput(
        await ctx.domain.createApiKey(ctx.admin, {
          name: input.name,
          scopes: input.scopes,
          expiresAt: input.expires_at === undefined ? null : new Date(input.expires_at),
        }),
      ),
    ),

  list: memberProcedure
    .meta({
      openapi: { method: 'GET', path: '/api-keys', tags, protect: true, summary: 'List API keys, newest first' },
    })
    .input(z.object({}))
    .output(
      z.object({
        api_keys: z.array(apiKeySchema),
        grantable_scopes: z.array(scopeSchema).describe('The scopes the caller may give a new key (their role’s)'),
      }),
    )
    .query(async ({ ctx }) => ({
      api_keys: (await ctx.domain.listApiKeys(ctx.admin)).map(toApiKeyOutput),
      grantable_scopes: grantableScopes(ctx.admin.role),
    })),

  revoke: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api-keys/revoke',
        tags,
        protect: true,
        summary: 'Revoke an API key (refused from the next request on, on every instance)',
      },
      audit: 'apiKey.revoke',
    })
    .input(z.object({ api_key_id: apiKeyIdSchema }))
    .output(apiKeySchema)
    .mutation(async ({ ctx, input }) => toApiKeyOutput(await ctx.domain.revokeApiKey(ctx.admin, input.api_key_id))),

  rotate: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/api-keys/rotate',
        tags,
        protect: true,
        summary: 'Give an API key a new secret; the old one works for grace_seconds more (default 1 hour)',
      },
      audit: 'apiKey.rotate',
    })
    .input(z.object({ api_key_id: apiKeyIdSchema, grace_seconds: graceSecondsSchema.default(defaultGraceSeconds) }))
    .output(issuedApiKeySchema)
    .mutation(async ({ ctx, input }) =>
      toIssuedApiKeyOutput(
        await ctx.domain.rotateApiKey(ctx.admin, { id: input.api_key_id, graceSeconds: input.grace_seconds }),
      ),
    ),
} satisfies TRPCRouterRecord;
