import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure, publicProcedure } from '../init.js';
import {
  invitationSchema,
  roleSchema,
  sentInvitationSchema,
  toInvitationOutput,
  toSentInvitationOutput,
} from '../member-schemas.js';
import { emailSchema, passwordSchema, sessionTokensSchema, toSessionTokensOutput } from '../schemas.js';
import { toTRPCError } from '../errors.js';

const tags = ['invitations'];
const invitationIdSchema = z.string().min(1).max(128);

/** Invitations to the caller's active organization, and accepting one. */
export const invitationsRouter = {
  create: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/invitations',
        tags,
        protect: true,
        summary: 'Invite an email with a role (owners and admins; only owners invite owners)',
      },
      audit: 'invitation.create',
    })
    .input(z.object({ email: emailSchema, role: roleSchema.default('member') }))
    .output(sentInvitationSchema)
    .mutation(async ({ ctx, input }) =>
      toSentInvitationOutput(await ctx.domain.inviteMember(ctx.admin, { email: input.email, role: input.role })),
    ),

  list: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: { method: 'GET', path: '/invitations', tags, protect: true, summary: 'List invitations, newest first' },
    })
    .input(z.object({}))
    .output(z.object({ invitations: z.array(invitationSchema) }))
    .query(async ({ ctx }) => ({
      invitations: (await ctx.domain.listInvitations(ctx.admin)).map(toInvitationOutput),
    })),

  revoke: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: { method: 'POST', path: '/invitations/revoke', tags, protect: true, summary: 'Revoke an invitation' },
      audit: 'invitation.revoke',
    })
    .input(z.object({ invitation_id: invitationIdSchema }))
    .output(invitationSchema)
    .mutation(async ({ ctx, input }) =>
      toInvitationOutput(await ctx.domain.revokeInvitation(ctx.admin, input.invitation_id)),
    ),

  resend: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/invitations/resend',
        tags,
        protect: true,
        summary: 'Send an invitation again with a new token and expiry (the old link stops working)',
      },
      audit: 'invitation.resend',
    })
    .input(z.object({ invitation_id: invitationIdSchema }))
    .output(sentInvitationSchema)
    .mutation(async ({ ctx, input }) =>
      toSentInvitationOutput(await ctx.domain.resendInvitation(ctx.admin, input.invitation_id)),
    ),

  accept: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invitations/accept',
        tags,
        summary:
          'Accept an invitation: logged in (bearer token of the invited email), or as a new account with display_name and password',
      },
      audit: 'invitation.accept',
    })
    .input(
      z.object({
        token: z.string().min(1).max(256),
        display_name: z.string().max(400).optional(),
        password: passwordSchema.optional(),
      }),
    )
    .output(sessionTokensSchema)
    .mutation(async ({ ctx, input }) => {
      const principal = ctx.token
        ? await ctx.domain.authenticate(ctx.token).catch((error: unknown) => {
            throw toTRPCError(error) ?? error;
          })
        : undefined;
      return toSessionTokensOutput(
        await ctx.domain.acceptInvitation({
          token: input.token,
          principal,
          displayName: input.display_name,
          password: input.password,
          client: ctx.client,
        }),
      );
    }),
} satisfies TRPCRouterRecord;
