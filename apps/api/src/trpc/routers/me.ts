import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure } from '../init.js';
import { myOrganizationSchema, roleSchema, toMyOrganizationOutput } from '../member-schemas.js';
import { organizationNameSchema, sessionTokensSchema, toSessionTokensOutput } from '../schemas.js';

const tags = ['me'];

/** The caller's own account across organizations. */
export const meRouter = {
  get: memberProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/me',
        tags,
        protect: true,
        summary: 'Who I am, and my role in the active organization',
      },
    })
    .input(z.object({}))
    .output(
      z.object({
        user_id: z.string(),
        email: z.string(),
        display_name: z.string(),
        organization_id: z.string(),
        role: roleSchema,
      }),
    )
    .query(async ({ ctx }) => {
      const me = await ctx.domain.whoAmI(ctx.admin);
      return {
        user_id: me.userId,
        email: me.email,
        display_name: me.displayName,
        organization_id: me.organizationId,
        role: me.role,
      };
    }),

  organizations: memberProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/me/organizations',
        tags,
        protect: true,
        summary: 'List my organizations with my role in each',
      },
    })
    .input(z.object({}))
    .output(z.object({ organizations: z.array(myOrganizationSchema) }))
    .query(async ({ ctx }) => ({
      organizations: (await ctx.domain.listMyOrganizations(ctx.admin)).map(toMyOrganizationOutput),
    })),

  switchOrganization: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/me/switch-organization',
        tags,
        protect: true,
        summary: 'Get tokens for another of my organizations (no password needed)',
      },
      audit: 'admin.switchOrganization',
    })
    .input(z.object({ organization_name: organizationNameSchema }))
    .output(sessionTokensSchema)
    .mutation(async ({ ctx, input }) =>
      toSessionTokensOutput(await ctx.domain.switchOrganization(ctx.admin, input.organization_name, ctx.client)),
    ),
} satisfies TRPCRouterRecord;
