import { roles, type InvitationView, type MemberView, type MyOrganization, type SentInvitation } from '@orgsphere/core';
import { z } from 'zod';
import { isoTime } from './iso-time.js';

export const roleSchema = z.enum(roles).describe('owner, admin or member');

export const userIdSchema = z.string().min(1).max(128).describe('The member’s user id (user_id in member lists)');

export const memberSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    display_name: z.string(),
    role: roleSchema,
    joined_at: z.string().describe('ISO 8601 timestamp'),
  })
  .meta({ id: 'Member' });

export const toMemberOutput = (member: MemberView): z.infer<typeof memberSchema> => ({
  user_id: member.userId,
  email: member.email,
  display_name: member.displayName,
  role: member.role,
  joined_at: isoTime(member.joinedAt),
});

export const myOrganizationSchema = z
  .object({
    organization_id: z.string(),
    organization_name: z.string(),
    slug: z.string(),
    role: roleSchema,
    joined_at: z.string().describe('ISO 8601 timestamp'),
    active: z.boolean().describe('The organization this access token acts in'),
  })
  .meta({ id: 'MyOrganization' });

export const toMyOrganizationOutput = (organization: MyOrganization): z.infer<typeof myOrganizationSchema> => ({
  organization_id: organization.organizationId,
  organization_name: organization.name,
  slug: organization.slug,
  role: organization.role,
  joined_at: isoTime(organization.joinedAt),
  active: organization.active,
});

export const invitationSchema = z
  .object({
    invitation_id: z.string(),
    organization_id: z.string(),
    email: z.string(),
    role: roleSchema,
    state: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expires_at: z.string().describe('ISO 8601 timestamp'),
    invited_by: z.string().describe('user_id of the inviter'),
    created_at: z.string().describe('ISO 8601 timestamp'),
  })
  .meta({ id: 'Invitation' });

export const toInvitationOutput = (invitation: InvitationView): z.infer<typeof invitationSchema> => ({
  invitation_id: invitation.id,
  organization_id: invitation.organizationId,
  email: invitation.email,
  role: invitation.role,
  state: invitation.state,
  expires_at: isoTime(invitation.expiresAt),
  invited_by: invitation.invitedBy,
  created_at: isoTime(invitation.createdAt),
});

export const sentInvitationSchema = invitationSchema
  .extend({
    accept_link: z
      .string()
      .nullable()
      .describe('Without SMTP configured: the link to pass to the invitee (null when it was emailed)'),
  })
  .meta({ id: 'SentInvitation' });

export const toSentInvitationOutput = (sent: SentInvitation): z.infer<typeof sentInvitationSchema> => ({
  ...toInvitationOutput(sent.invitation),
  accept_link: sent.acceptLink,
});
