import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure } from '../init.js';
import { myOrganizationSchema, roleSchema, toMyOrganizationOutput } from '../member-schemas.js';
import { mySessionSchema, toMySessionOutput } from '../session-schemas.js';
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

  sessions: memberProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/me/sessions',
        tags,
        protect: true,
        summary: 'List my active sessions (signed in, not signed out, not expired), most recently used first',
      },
    })
    .input(z.object({}))
    .output(z.object({ sessions: z.array(mySessionSchema) }))
    .query(async ({ ctx }) => ({ sessions: (await ctx.domain.listMySessions(ctx.admin)).map(toMySessionOutput) })),

  revokeSession: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/me/sessions/revoke',
        tags,
        protect: true,
        summary: 'Sign out one of my sessions (its tokens stop working); another user’s session is not found',
      },
      audit: 'admin.revokeSession',
    })
    .input(z.object({ session_id: z.string().min(1).max(128) }))
    .output(z.object({ session_id: z.string(), current: z.boolean(), message: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await ctx.domain.revokeMySession(ctx.admin, input.session_id);
      return { session_id: revoked.sessionId, current: revoked.current, message: 'Signed out' };
    }),
} satisfies TRPCRouterRecord;
