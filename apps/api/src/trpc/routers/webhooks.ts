import { maxRotationOverlapSeconds } from '@orgsphere/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure } from '../init.js';
import {
  endpointIdSchema,
  toWebhookDeliveryOutput,
  toWebhookEndpointOutput,
  toWebhookEndpointWithSecretOutput,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
  webhookEventTypeSchema,
} from '../webhook-schemas.js';

const tags = ['webhooks'];
const urlSchema = z.string().min(1).max(2_048).describe('https:// (http:// and loopback only outside production)');
const descriptionSchema = z.string().max(500);
const eventTypesSchema = z.array(webhookEventTypeSchema).min(1).max(50);

/** Webhook endpoints of the caller's active organization (owners and admins: webhooks.manage). */
export const webhooksRouter = {
  create: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/webhooks/endpoints',
        tags,
        protect: true,
        summary: 'Register an endpoint; its signing secret is in this answer only',
      },
      audit: 'webhook.create',
    })
    .input(z.object({ url: urlSchema, description: descriptionSchema.default(''), event_types: eventTypesSchema }))
    .output(webhookEndpointWithSecretSchema)
    .mutation(async ({ ctx, input }) =>
      toWebhookEndpointWithSecretOutput(
        await ctx.domain.createWebhookEndpoint(ctx.admin, {
          url: input.url,
          description: input.description,
          eventTypes: input.event_types,
        }),
      ),
    ),

  list: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: { method: 'GET', path: '/webhooks/endpoints', tags, protect: true, summary: 'List endpoints' },
    })
    .input(z.object({}))
    .output(z.object({ endpoints: z.array(webhookEndpointSchema) }))
    .query(async ({ ctx }) => ({
      endpoints: (await ctx.domain.listWebhookEndpoints(ctx.admin)).map(toWebhookEndpointOutput),
    })),

  update: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/webhooks/endpoints/update',
        tags,
        protect: true,
        summary: 'Change the URL, description or event types, or disable (enabled: false) / enable an endpoint',
      },
      audit: 'webhook.update',
    })
    .input(
      z.object({
        endpoint_id: endpointIdSchema,
        url: urlSchema.optional(),
        description: descriptionSchema.optional(),
        event_types: eventTypesSchema.optional(),
        enabled: z.boolean().optional(),
      }),
    )
    .output(webhookEndpointSchema)
    .mutation(async ({ ctx, input }) =>
      toWebhookEndpointOutput(
        await ctx.domain.updateWebhookEndpoint(ctx.admin, {
          endpointId: input.endpoint_id,
          url: input.url,
          description: input.description,
          eventTypes: input.event_types,
          enabled: input.enabled,
        }),
      ),
    ),

  delete: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/webhooks/endpoints/delete',
        tags,
        protect: true,
        summary: 'Delete an endpoint',
      },
      audit: 'webhook.delete',
    })
    .input(z.object({ endpoint_id: endpointIdSchema }))
    .output(z.object({ endpoint_id: z.string(), organization_id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const deleted = await ctx.domain.deleteWebhookEndpoint(ctx.admin, input.endpoint_id);
      return { endpoint_id: deleted.endpointId, organization_id: deleted.organizationId };
    }),

  rotateSecret: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/webhooks/endpoints/rotate-secret',
        tags,
        protect: true,
        summary: 'New signing secret (shown once); the old one keeps signing beside it for overlap_seconds',
      },
      audit: 'webhook.rotateSecret',
    })
    .input(
      z.object({
        endpoint_id: endpointIdSchema,
        overlap_seconds: z.coerce.number<number>().int().min(0).max(maxRotationOverlapSeconds).default(3_600),
      }),
    )
    .output(webhookEndpointWithSecretSchema)
    .mutation(async ({ ctx, input }) =>
      toWebhookEndpointWithSecretOutput(
        await ctx.domain.rotateWebhookSecret(ctx.admin, {
          endpointId: input.endpoint_id,
          overlapSeconds: input.overlap_seconds,
        }),
      ),
    ),

  deliveries: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'GET',
        path: '/webhooks/deliveries',
        tags,
        protect: true,
        summary: "Page through an endpoint's deliveries, newest first",
      },
    })
    .input(
      z.object({
        endpoint_id: endpointIdSchema,
        limit: z.coerce.number<number>().int().min(1).max(200).optional(),
        cursor: z.string().max(512).optional().describe('next_cursor of the previous page'),
      }),
    )
    .output(z.object({ deliveries: z.array(webhookDeliverySchema), next_cursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const page = await ctx.domain.listWebhookDeliveries(ctx.admin, {
        endpointId: input.endpoint_id,
        limit: input.limit,
        cursor: input.cursor,
      });
      return { deliveries: page.deliveries.map(toWebhookDeliveryOutput), next_cursor: page.nextCursor };
    }),

  resend: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/webhooks/resend',
        tags,
        protect: true,
        summary: 'Send one event to an endpoint again (same webhook-id, a new delivery)',
      },
      audit: 'webhook.resend',
    })
    .input(z.object({ endpoint_id: endpointIdSchema, event_id: z.string().min(1).max(128) }))
    .output(webhookDeliverySchema)
    .mutation(async ({ ctx, input }) =>
      toWebhookDeliveryOutput(
        await ctx.domain.resendWebhookEvent(ctx.admin, { endpointId: input.endpoint_id, eventId: input.event_id }),
      ),
    ),

  sendTest: memberProcedure
    .meta({
      apiKeys: 'allowed',
      openapi: {
        method: 'POST',
        path: '/webhooks/test',
        tags,
        protect: true,
        summary: 'Send a webhook.test event to one endpoint',
      },
      audit: 'webhook.test',
    })
    .input(z.object({ endpoint_id: endpointIdSchema }))
    .output(webhookDeliverySchema)
    .mutation(async ({ ctx, input }) =>
      toWebhookDeliveryOutput(await ctx.domain.sendTestWebhookEvent(ctx.admin, input.endpoint_id)),
    ),
} satisfies TRPCRouterRecord;
