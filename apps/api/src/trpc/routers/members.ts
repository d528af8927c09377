import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure } from '../init.js';
import { memberSchema, roleSchema, toMemberOutput, userIdSchema } from '../member-schemas.js';

const tags = ['members'];

/** The members of the caller's active organization (the one their access token names). */
export const membersRouter = {
  list: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: { method: 'GET', path: '/members', tags, protect: true, summary: 'List the members and their roles' },
    })
    .input(z.object({}))
    .output(z.object({ organization_id: z.string(), members: z.array(memberSchema) }))
    .query(async ({ ctx }) => ({
      organization_id: ctx.admin.organizationId,
      members: (await ctx.domain.listMembers(ctx.admin)).map(toMemberOutput),
    })),

  changeRole: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/members/change-role',
        tags,
        protect: true,
        summary: "Change a member's role (admins up to admin; only owners make or unmake owners)",
      },
      audit: 'member.changeRole',
    })
    .input(z.object({ user_id: userIdSchema, role: roleSchema }))
    .output(memberSchema.extend({ organization_id: z.string() }))
    .mutation(async ({ ctx, input }) => ({
      ...toMemberOutput(await ctx.domain.changeRole(ctx.admin, { userId: input.user_id, role: input.role })),
      organization_id: ctx.admin.organizationId,
    })),

  remove: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/members/remove',
        tags,
        protect: true,
        summary: 'Remove a member (their tokens for this organization stop working at once)',
      },
      audit: 'member.remove',
    })
    .input(z.object({ user_id: userIdSchema }))
    .output(z.object({ message: z.string(), organization_id: z.string(), user_id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await ctx.domain.removeMember(ctx.admin, input.user_id);
      return { message: 'Member removed', organization_id: removed.organizationId, user_id: removed.userId };
    }),

  leave: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/members/leave',
        tags,
        protect: true,
        summary: 'Leave the active organization (its last owner cannot)',
      },
      audit: 'member.leave',
    })
    .input(z.object({}))
    .output(z.object({ message: z.string(), organization_id: z.string(), user_id: z.string() }))
    .mutation(async ({ ctx }) => {
      const left = await ctx.domain.leaveOrganization(ctx.admin);
      return { message: 'You left the organization', organization_id: left.organizationId, user_id: left.userId };
    }),

  transferOwnership: memberProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/members/transfer-ownership',
        tags,
        protect: true,
        summary: 'Make another member an owner and become an admin',
      },
      audit: 'member.transferOwnership',
    })
    .input(z.object({ user_id: userIdSchema }))
    .output(z.object({ organization_id: z.string(), new_owner: memberSchema, previous_owner: memberSchema }))
    .mutation(async ({ ctx, input }) => {
      const { newOwner, previousOwner } = await ctx.domain.transferOwnership(ctx.admin, input.user_id);
      return {
        organization_id: ctx.admin.organizationId,
        new_owner: toMemberOutput(newOwner),
        previous_owner: toMemberOutput(previousOwner),
      };
    }),
} satisfies TRPCRouterRecord;
