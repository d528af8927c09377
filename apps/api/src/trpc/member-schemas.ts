import { roles, type MemberView, type MyOrganization } from '@orgsphere/core';
import { z } from 'zod';

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
  joined_at: member.joinedAt.toISOString(),
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
  joined_at: organization.joinedAt.toISOString(),
  active: organization.active,
});
