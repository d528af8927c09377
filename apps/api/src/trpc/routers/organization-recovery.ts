import { AppError, type OwnerProof } from '@orgsphere/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { publicProcedure } from '../init.js';
import {
  deletedOrganizationSchema,
  emailSchema,
  organizationNameSchema,
  organizationSchema,
  passwordSchema,
  toOrganizationOutput,
  toPurgedOutput,
} from '../schemas.js';

const tags = ['organization'];

/** A deleted organization's tokens are dead, so its owner proves ownership in the request itself. */
const ownerProofInput = {
  organization_name: organizationNameSchema,
  restore_token: z.string().max(128).optional().describe('The restore_token returned by the deletion'),
  email: emailSchema.optional().describe("Or the admin's email, with password"),
  password: passwordSchema.optional(),
};

const toOwnerProof = (input: { restore_token?: string | undefined; email?: string; password?: string }): OwnerProof => {
  if (input.restore_token !== undefined) return { restoreToken: input.restore_token };
  if (input.email !== undefined && input.password !== undefined)
    return { email: input.email, password: input.password };
  throw new AppError('VALIDATION_FAILED', "Give restore_token, or the admin's email and password", {
    field: 'restore_token',
  });
};

/** Undoing or finishing a soft delete: the only calls a deleted organization still answers. */
export const organizationRecoveryRouter = {
  restore: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/org/restore',
        tags,
        summary: 'Restore a deleted organization within its grace period (its earlier sessions stay ended)',
      },
      audit: 'org.restore',
      apiKeys: 'refused',
    })
    .input(z.object(ownerProofInput))
    .output(organizationSchema)
    .mutation(async ({ ctx, input }) =>
      toOrganizationOutput(
        await ctx.domain.restoreOrganization({
          organizationName: input.organization_name,
          proof: toOwnerProof(input),
          client: ctx.client,
        }),
      ),
    ),

  purge: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/org/purge',
        tags,
        summary: 'Purge a deleted organization and its data now instead of at the end of its grace period',
      },
      audit: 'org.purge',
      apiKeys: 'refused',
    })
    .input(
      z.object({
        ...ownerProofInput,
        confirm_purge: organizationNameSchema.describe("The organization's name again: its data is gone for good"),
      }),
    )
    .output(deletedOrganizationSchema)
    .mutation(async ({ ctx, input }) =>
      toPurgedOutput(
        await ctx.domain.purgeDeletedOrganization({
          organizationName: input.organization_name,
          confirmation: input.confirm_purge,
          proof: toOwnerProof(input),
          client: ctx.client,
        }),
      ),
    ),
} satisfies TRPCRouterRecord;
