import type { Organization } from '@orgsphere/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { operatorProcedure, publicProcedure } from '../init.js';
import { emailSchema, organizationNameSchema, organizationStates, passwordSchema } from '../schemas.js';
import { isoTime, isoTimeOrNull } from '../iso-time.js';

const tags = ['operator'];

const states = organizationStates;

const operatorOrganizationSchema = z
  .object({
    organization_id: z.string(),
    organization_name: z.string(),
    slug: z.string(),
    collection_name: z.string(),
    state: z.enum(states),
    admin_id: z.string(),
    created_at: z.string().describe('ISO 8601 timestamp'),
    updated_at: z.string().describe('ISO 8601 timestamp'),
    purge_after: z.string().nullable().describe('While deleted: when the reconciler purges it'),
  })
  .meta({ id: 'OperatorOrganization' });

const toOperatorOrganization = (organization: Organization): z.infer<typeof operatorOrganizationSchema> => ({
  organization_id: organization.id,
  organization_name: organization.name,
  slug: organization.slug,
  collection_name: organization.collectionName,
  state: organization.state,
  admin_id: organization.adminId,
  created_at: isoTime(organization.createdAt),
  updated_at: isoTime(organization.updatedAt),
  purge_after: isoTimeOrNull(organization.deletion?.purgeAfter),
});

const detailSchema = operatorOrganizationSchema.extend({ admin_email: z.string().nullable() });
const toDetail = ({ organization, adminEmail }: { organization: Organization; adminEmail: string | null }) => ({
  ...toOperatorOrganization(organization),
  admin_email: adminEmail,
});

const byId = z.object({ organization_id: z.string().min(1).max(128) });

/** The platform's own view: every organization in every state, for configured operators only. */
export const operatorRouter = {
  login: publicProcedure
    .meta({
      apiKeys: 'refused',
      openapi: { method: 'POST', path: '/operator/login', tags, summary: 'Log in as a platform operator' },
    })
    .input(z.object({ email: emailSchema, password: passwordSchema }))
    .output(z.object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const session = await ctx.domain.loginOperator({
        email: input.email,
        password: input.password,
        client: ctx.client,
      });
      return { access_token: session.accessToken, token_type: session.tokenType, expires_in: session.expiresInSeconds };
    }),

  list: operatorProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/operator/organizations',
        tags,
        protect: true,
        summary: 'Page through organizations, oldest first, optionally in one state or by name prefix',
      },
    })
    .input(
      z.object({
        state: z.enum(states).optional(),
        name_prefix: organizationNameSchema.optional().describe('Matched against slugs: "Acme C" finds "ACME Corp"'),
        limit: z.coerce.number().int().min(1).max(200).optional(),
        cursor: z.string().max(256).optional().describe('next_cursor of the previous page'),
      }),
    )
    .output(z.object({ organizations: z.array(operatorOrganizationSchema), next_cursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const page = await ctx.domain.listOrganizations({
        state: input.state,
        namePrefix: input.name_prefix,
        limit: input.limit,
        cursor: input.cursor,
      });
      return { organizations: page.organizations.map(toOperatorOrganization), next_cursor: page.nextCursor };
    }),

  get: operatorProcedure
    .meta({
      openapi: { method: 'GET', path: '/operator/organization', tags, protect: true, summary: 'Read one organization' },
    })
    .input(byId)
    .output(detailSchema)
    .query(async ({ ctx, input }) => toDetail(await ctx.domain.readOrganization(input.organization_id))),

  counts: operatorProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/operator/organization-counts',
        tags,
        protect: true,
        summary: 'How many organizations are in each state',
      },
    })
    .input(z.object({}))
    .output(z.record(z.enum(states), z.number().int()))
    .query(async ({ ctx }) => ctx.domain.countOrganizationsByState()),

  suspend: operatorProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/operator/suspend',
        tags,
        protect: true,
        summary: 'Suspend an active organization: it answers 403 ORG_SUSPENDED to everything but operator reads',
      },
    })
    .input(byId)
    .output(detailSchema)
    .mutation(async ({ ctx, input }) => toDetail(await ctx.domain.suspendOrganization(input.organization_id))),

  unsuspend: operatorProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/operator/unsuspend',
        tags,
        protect: true,
        summary: 'Make a suspended organization active again',
      },
    })
    .input(byId)
    .output(detailSchema)
    .mutation(async ({ ctx, input }) => toDetail(await ctx.domain.unsuspendOrganization(input.organization_id))),
} satisfies TRPCRouterRecord;
