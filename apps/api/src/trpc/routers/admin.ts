import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { adminProcedure, publicProcedure } from '../init.js';
import {
  emailSchema,
  organizationNameSchema,
  passwordSchema,
  sessionTokensSchema,
  toSessionTokensOutput,
} from '../schemas.js';

const tags = ['admin'];

export const adminRouter = {
  login: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/login',
        tags,
        summary: 'Log in; organization_name picks the active organization (default: the oldest membership)',
      },
      audit: 'admin.login',
    })
    .input(
      z.object({ email: emailSchema, password: passwordSchema, organization_name: organizationNameSchema.optional() }),
    )
    .output(sessionTokensSchema)
    .mutation(async ({ ctx, input }) =>
      toSessionTokensOutput(
        await ctx.domain.login({
          email: input.email,
          password: input.password,
          organizationName: input.organization_name,
          client: ctx.client,
        }),
      ),
    ),

  refresh: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/refresh',
        tags,
        summary: 'Exchange a refresh token for a new access and refresh token (each refresh token works once)',
      },
      audit: 'admin.refresh',
    })
    .input(z.object({ refresh_token: z.string().min(1).max(256) }))
    .output(sessionTokensSchema)
    .mutation(async ({ ctx, input }) =>
      toSessionTokensOutput(await ctx.domain.refresh(input.refresh_token, ctx.client)),
    ),

  logout: adminProcedure
    .meta({
      openapi: { method: 'POST', path: '/admin/logout', tags, protect: true, summary: 'End this session' },
      audit: 'admin.logout',
    })
    // Optional, so the typed client can call `admin.logout.mutate()` with no argument.
    .input(z.object({}).optional())
    .output(z.object({ message: z.string() }))
    .mutation(async ({ ctx }) => {
      await ctx.domain.logout(ctx.admin);
      return { message: 'Logged out' };
    }),

  logoutAll: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/logout-all',
        tags,
        protect: true,
        summary: 'End every session of this admin',
      },
      audit: 'admin.logoutAll',
    })
    .input(z.object({}).optional())
    .output(z.object({ message: z.string() }))
    .mutation(async ({ ctx }) => {
      await ctx.domain.logoutAll(ctx.admin);
      return { message: 'Logged out of every session' };
    }),

  changePassword: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/change-password',
        tags,
        protect: true,
        summary: 'Change the password (the current one is required); other sessions end, this one gets new tokens',
      },
      audit: 'admin.changePassword',
    })
    .input(z.object({ current_password: passwordSchema, new_password: passwordSchema }))
    .output(sessionTokensSchema)
    .mutation(async ({ ctx, input }) =>
      toSessionTokensOutput(
        await ctx.domain.changePassword(ctx.admin, {
          currentPassword: input.current_password,
          newPassword: input.new_password,
          client: ctx.client,
        }),
      ),
    ),
} satisfies TRPCRouterRecord;
