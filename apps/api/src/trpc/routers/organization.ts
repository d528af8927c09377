import { auditActions } from '@orgsphere/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { adminProcedure, publicProcedure } from '../init.js';
import {
  auditEventSchema,
  deletedOrganizationSchema,
  emailSchema,
  organizationNameSchema,
  organizationSchema,
  passwordSchema,
  toAuditEventOutput,
  toOrganizationOutput,
  toPurgedOutput,
} from '../schemas.js';
import { isoTime } from '../iso-time.js';

const tags = ['organization'];

export const organizationRouter = {
  create: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/org/create',
        tags,
        summary: 'Create an organization; its creator becomes its owner',
      },
      audit: 'org.create',
    })
    .input(
      z.object({
        organization_name: organizationNameSchema,
        email: emailSchema,
        password: passwordSchema,
        display_name: z.string().max(400).optional().describe("The owner's name; by default the email's local part"),
      }),
    )
    .output(organizationSchema)
    .mutation(async ({ ctx, input }) =>
      toOrganizationOutput(
        await ctx.domain.createOrganization({
          organizationName: input.organization_name,
          email: input.email,
          password: input.password,
          displayName: input.display_name,
        }),
      ),
    ),

  get: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/org/get', tags, summary: 'Read an organization by name' } })
    .input(z.object({ organization_name: organizationNameSchema }))
    .output(organizationSchema)
    .query(async ({ ctx, input }) => toOrganizationOutput(await ctx.domain.getOrganization(input.organization_name))),

  update: adminProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'PUT',
        path: '/org/update',
        tags,
        protect: true,
        summary: "Rename the organization (its data moves with it) and/or change its admin's email or password",
      },
      audit: 'org.update',
    })
    .input(
      z.object({
        organization_name: organizationNameSchema,
        new_organization_name: organizationNameSchema.optional(),
        email: emailSchema.optional(),
        password: passwordSchema.optional(),
      }),
    )
    .output(organizationSchema)
    .mutation(async ({ ctx, input }) =>
      toOrganizationOutput(
        await ctx.domain.updateOrganization(ctx.admin, {
          organizationName: input.organization_name,
          newOrganizationName: input.new_organization_name,
          email: input.email,
          password: input.password,
        }),
      ),
    ),

  delete: adminProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'DELETE',
        path: '/org/delete',
        tags,
        protect: true,
        summary:
          'Delete the organization: restorable until purge_after (data kept, name reserved), or purged at once with confirm_purge',
      },
      audit: 'org.delete',
    })
    .input(
      z.object({
        organization_name: organizationNameSchema,
        confirm_purge: organizationNameSchema
          .optional()
          .describe("The organization's name again: purge it and its data now instead of after the grace period"),
      }),
    )
    .output(deletedOrganizationSchema)
    .mutation(async ({ ctx, input }) => {
      if (input.confirm_purge !== undefined) {
        return toPurgedOutput(
          await ctx.domain.purgeOrganizationNow(ctx.admin, {
            organizationName: input.organization_name,
            confirmation: input.confirm_purge,
          }),
        );
      }
      const deleted = await ctx.domain.softDeleteOrganization(ctx.admin, input.organization_name);
      const purgeAfter = isoTime(deleted.purgeAfter);
      return {
        message: `Organization "${deleted.name}" was deleted; its data will be purged on ${purgeAfter} unless it is restored before then`,
        organization_id: deleted.organizationId,
        organization_name: deleted.name,
        purge_after: purgeAfter,
        restore_token: deleted.restoreToken,
      };
    }),

  auditLog: adminProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'GET',
        path: '/org/audit-log',
        tags,
        protect: true,
        summary:
          "Page through the organization's audit events, newest first; filter by action, outcome, actor and time",
      },
    })
    .input(
      z.object({
        organization_name: organizationNameSchema,
        // Coerced for REST's query string; typed as a number for the typed client.
        limit: z.coerce.number<number>().int().min(1).max(200).optional(),
        cursor: z.string().max(128).optional().describe('next_cursor of the previous page (with the same filters)'),
        action: z.enum(auditActions).optional(),
        outcome: z.enum(['success', 'failure']).optional(),
        actor_admin_id: z.string().min(1).max(128).optional().describe('The user id of whoever acted'),
        from: z.iso.datetime({ offset: true }).optional().describe('Events at or after this ISO 8601 time'),
        to: z.iso.datetime({ offset: true }).optional().describe('Events before this ISO 8601 time (exclusive)'),
      }),
    )
    .output(z.object({ events: z.array(auditEventSchema), next_cursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const page = await ctx.domain.listAuditEvents(ctx.admin, {
        organizationName: input.organization_name,
        limit: input.limit,
        cursor: input.cursor,
        filter: {
          action: input.action,
          outcome: input.outcome,
          actorAdminId: input.actor_admin_id,
          from: input.from === undefined ? undefined : new Date(input.from),
          to: input.to === undefined ? undefined : new Date(input.to),
        },
      });
      return { events: page.events.map(toAuditEventOutput), next_cursor: page.nextCursor };
    }),
} satisfies TRPCRouterRecord;
