import {
  webhookEventTypes,
  type WebhookDelivery,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@orgsphere/core';
import { z } from 'zod';
import { isoTime, isoTimeOrNull } from './iso-time.js';

export const webhookEventTypeSchema = z.enum(webhookEventTypes).describe(webhookEventTypes.join(', '));

export const endpointIdSchema = z.string().min(1).max(128).describe('The endpoint’s id (endpoint_id)');

export const webhookEndpointSchema = z
  .object({
    endpoint_id: z.string(),
    organization_id: z.string(),
    url: z.string(),
    description: z.string(),
    event_types: z.array(webhookEventTypeSchema),
    status: z.enum(['enabled', 'disabled', 'failing']),
    consecutive_failures: z.number().int(),
    previous_secret_expires_at: z
      .string()
      .nullable()
      .describe('Until when the secret before the last rotation still signs too (ISO 8601), if it does'),
    created_at: z.string().describe('ISO 8601 timestamp'),
    updated_at: z.string().describe('ISO 8601 timestamp'),
  })
  .meta({ id: 'WebhookEndpoint' });

export const toWebhookEndpointOutput = (endpoint: WebhookEndpointView): z.infer<typeof webhookEndpointSchema> => ({
  endpoint_id: endpoint.id,
  organization_id: endpoint.organizationId,
  url: endpoint.url,
  description: endpoint.description,
  event_types: endpoint.eventTypes,
  status: endpoint.status,
  consecutive_failures: endpoint.consecutiveFailures,
  previous_secret_expires_at: isoTimeOrNull(endpoint.previousSecretExpiresAt),
  created_at: isoTime(endpoint.createdAt),
  updated_at: isoTime(endpoint.updatedAt),
});

export const webhookEndpointWithSecretSchema = z
  .object({
    endpoint: webhookEndpointSchema,
    secret: z.string().describe('whsec_…: shown once; verify signatures with it'),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const toWebhookEndpointWithSecretOutput = (
  created: WebhookEndpointWithSecret,
): z.infer<typeof webhookEndpointWithSecretSchema> => ({
  endpoint: toWebhookEndpointOutput(created.endpoint),
  secret: created.secret,
});

export const webhookDeliverySchema = z
  .object({
    delivery_id: z.string(),
    event_id: z.string().describe('The webhook-id header of every attempt'),
    event_type: z.string(),
    endpoint_id: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_attempt: z
      .object({
        at: z.string(),
        status_code: z.number().int().nullable(),
        latency_ms: z.number().int(),
        error: z.string().nullable(),
        response_excerpt: z.string().nullable().describe('At most the first 256 bytes of the response body'),
      })
      .nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export const toWebhookDeliveryOutput = (delivery: WebhookDelivery): z.infer<typeof webhookDeliverySchema> => ({
  delivery_id: delivery.id,
  event_id: delivery.eventId,
  event_type: delivery.eventType,
  endpoint_id: delivery.endpointId,
  status: delivery.status,
  attempts: delivery.attempts,
  next_attempt_at: isoTimeOrNull(delivery.nextAttemptAt),
  last_attempt: delivery.lastAttempt && {
    at: isoTime(delivery.lastAttempt.at),
    status_code: delivery.lastAttempt.statusCode,
    latency_ms: delivery.lastAttempt.latencyMs,
    error: delivery.lastAttempt.error,
    response_excerpt: delivery.lastAttempt.responseExcerpt,
  },
  created_at: isoTime(delivery.createdAt),
});
