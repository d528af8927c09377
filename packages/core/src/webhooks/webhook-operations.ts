import type { AdminPrincipal } from '../auth/principal.js';
import type { WebhookDelivery, WebhookDeliveryPage } from './delivery.js';
import {
  listWebhookDeliveries,
  resendWebhookEvent,
  sendTestWebhookEvent,
  type WebhookDeliveriesDeps,
} from './deliveries-log.js';
import type { WebhookEndpointView } from './endpoint.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type ManageWebhooksDeps,
  type UpdateWebhookEndpointInput,
  type WebhookEndpointInput,
  type WebhookEndpointWithSecret,
} from './manage-endpoints.js';

export type WebhookOperationsDeps = ManageWebhooksDeps & WebhookDeliveriesDeps;

/** Spelled out, as Domain is, so the client's published types name no dependency. */
export type WebhookOperations = {
  createWebhookEndpoint(principal: AdminPrincipal, input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret>;
  listWebhookEndpoints(principal: AdminPrincipal): Promise<WebhookEndpointView[]>;
  updateWebhookEndpoint(principal: AdminPrincipal, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointView>;
  deleteWebhookEndpoint(
    principal: AdminPrincipal,
    endpointId: string,
  ): Promise<{ endpointId: string; organizationId: string }>;
  rotateWebhookSecret(
    principal: AdminPrincipal,
    input: { endpointId: string; overlapSeconds: number },
  ): Promise<WebhookEndpointWithSecret>;
  listWebhookDeliveries(
    principal: AdminPrincipal,
    input: { endpointId: string; limit?: number | undefined; cursor?: string | undefined },
  ): Promise<WebhookDeliveryPage>;
  resendWebhookEvent(
    principal: AdminPrincipal,
    input: { endpointId: string; eventId: string },
  ): Promise<WebhookDelivery>;
  sendTestWebhookEvent(principal: AdminPrincipal, endpointId: string): Promise<WebhookDelivery>;
};

export const bindWebhookOperations = (deps: WebhookOperationsDeps): WebhookOperations => ({
  createWebhookEndpoint: (principal, input) => createWebhookEndpoint(deps, principal, input),
  listWebhookEndpoints: (principal) => listWebhookEndpoints(deps, principal),
  updateWebhookEndpoint: (principal, input) => updateWebhookEndpoint(deps, principal, input),
  deleteWebhookEndpoint: (principal, endpointId) => deleteWebhookEndpoint(deps, principal, endpointId),
  rotateWebhookSecret: (principal, input) => rotateWebhookSecret(deps, principal, input),
  listWebhookDeliveries: (principal, input) => listWebhookDeliveries(deps, principal, input),
  resendWebhookEvent: (principal, input) => resendWebhookEvent(deps, principal, input),
  sendTestWebhookEvent: (principal, endpointId) => sendTestWebhookEvent(deps, principal, endpointId),
});
