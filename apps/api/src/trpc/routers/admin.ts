import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { publicProcedure } from '../init.js';
import { emailSchema, passwordSchema } from '../schemas.js';

export const adminRouter = {
  login: publicProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/login', tags: ['admin'], summary: 'Log in as an organization admin' } })
    .input(z.object({ email: emailSchema, password: passwordSchema }))
    .output(
      z.object({
        access_token: z.string(),
        token_type: z.literal('bearer'),
        expires_in: z.number().int().describe('Seconds until the access token expires'),
        admin_id: z.string(),
        organization_id: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.domain.login({ email: input.email, password: input.password });
      return {
        access_token: result.accessToken,
        token_type: result.tokenType,
        expires_in: result.expiresInSeconds,
        admin_id: result.adminId,
        organization_id: result.organizationId,
      };
    }),
} satisfies TRPCRouterRecord;
