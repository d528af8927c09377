import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { newIdFor, type IdSource } from '../ids.js';
import { assertAllowed } from '../auth/authorize.js';
import { addSeconds, type Clock } from '../time.js';
import { toWebhookEndpointView, type WebhookEndpoint, type WebhookEndpointView } from './endpoint.js';
import type { WebhookEventType } from './event-types.js';
import type { WebhookEndpointRepository, WebhookTargetPolicy } from './ports.js';
import type { SecretBox } from './secret-box.js';
import { newWebhookSecret } from './signature.js';
import { parseWebhookUrl } from './webhook-url.js';

export type ManageWebhooksDeps = {
  webhookEndpoints: WebhookEndpointRepository;
  webhookTargets: WebhookTargetPolicy;
  secretBox: SecretBox;
  clock: Clock;
  newId?: IdSource | undefined;
};

export const maxEndpointsPerOrganization = 20;
export const maxRotationOverlapSeconds = 86_400;

export type WebhookEndpointInput = { url: string; description: string; eventTypes: WebhookEventType[] };
/** The secret is shown only here, once. */
export type WebhookEndpointWithSecret = { endpoint: WebhookEndpointView; secret: string };

export const webhookNotFound = () =>
  new AppError('WEBHOOK_NOT_FOUND', 'No such webhook endpoint in your organization', { field: 'endpoint_id' });

const checkedUrl = async (deps: ManageWebhooksDeps, text: string): Promise<string> => {
  const url = parseWebhookUrl(text, { allowInsecure: deps.webhookTargets.allowsInsecure });
  await deps.webhookTargets.check(url);
  return url.toString();
};

/** The endpoint, if it belongs to the caller's organization and the caller manages webhooks there. */
export const findOwnEndpoint = async (
  deps: Pick<ManageWebhooksDeps, 'webhookEndpoints'>,
  principal: AdminPrincipal,
  endpointId: string,
): Promise<WebhookEndpoint> => {
  assertAllowed(principal, 'webhooks.manage');
  const endpoint = await deps.webhookEndpoints.findById(endpointId);
  if (endpoint?.organizationId !== principal.organizationId) throw webhookNotFound();
  return endpoint;
};

export const createWebhookEndpoint = async (
  deps: ManageWebhooksDeps,
  principal: AdminPrincipal,
  input: WebhookEndpointInput,
): Promise<WebhookEndpointWithSecret> => {
  assertAllowed(principal, 'webhooks.manage');
  const url = await checkedUrl(deps, input.url);
  const existing = await deps.webhookEndpoints.listByOrganization(principal.organizationId);
  if (existing.length >= maxEndpointsPerOrganization)
    throw new AppError('LIMIT_REACHED', `At most ${maxEndpointsPerOrganization} webhook endpoints per organization`);
  const now = deps.clock.now();
  const secret = newWebhookSecret();
  const endpoint: WebhookEndpoint = {
    id: `ep_${newIdFor(deps).replaceAll('-', '')}`,
    organizationId: principal.organizationId,
    url,
    description: input.description,
    eventTypes: [...new Set(input.eventTypes)],
    status: 'enabled',
    secrets: [{ sealed: deps.secretBox.seal(secret), expiresAt: null }],
    consecutiveFailures: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.webhookEndpoints.insert(endpoint);
  return { endpoint: toWebhookEndpointView(endpoint, now), secret };
};

export const listWebhookEndpoints = async (
  deps: ManageWebhooksDeps,
  principal: AdminPrincipal,
): Promise<WebhookEndpointView[]> => {
  assertAllowed(principal, 'webhooks.manage');
  const now = deps.clock.now();
  return (await deps.webhookEndpoints.listByOrganization(principal.organizationId)).map((endpoint) =>
    toWebhookEndpointView(endpoint, now),
  );
};

export type UpdateWebhookEndpointInput = Partial<WebhookEndpointInput> & { endpointId: string; enabled?: boolean };

export const updateWebhookEndpoint = async (
  deps: ManageWebhooksDeps,
  principal: AdminPrincipal,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointView> => {
  const endpoint = await findOwnEndpoint(deps, principal, input.endpointId);
  const now = deps.clock.now();
  const updated = await deps.webhookEndpoints.update(endpoint.id, {
    ...(input.url === undefined ? {} : { url: await checkedUrl(deps, input.url) }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.eventTypes === undefined ? {} : { eventTypes: [...new Set(input.eventTypes)] }),
    // Enabling again clears `failing` too: the next attempt decides afresh.
    ...(input.enabled === undefined ? {} : { status: input.enabled ? 'enabled' : 'disabled' }),
    updatedAt: now,
  });
  if (!updated) throw webhookNotFound();
  return toWebhookEndpointView(updated, now);
};

export const deleteWebhookEndpoint = async (
  deps: ManageWebhooksDeps,
  principal: AdminPrincipal,
  endpointId: string,
): Promise<{ endpointId: string; organizationId: string }> => {
  const endpoint = await findOwnEndpoint(deps, principal, endpointId);
  if (!(await deps.webhookEndpoints.deleteById(endpoint.id))) throw webhookNotFound();
  return { endpointId: endpoint.id, organizationId: endpoint.organizationId };
};

/**
 * A new current secret; the old one keeps signing beside it (two signatures per
 * message) for `overlapSeconds`, so receivers can switch without losing a message.
 */
export const rotateWebhookSecret = async (
  deps: ManageWebhooksDeps,
  principal: AdminPrincipal,
  input: { endpointId: string; overlapSeconds: number },
): Promise<WebhookEndpointWithSecret> => {
  if (
    !Number.isInteger(input.overlapSeconds) ||
    input.overlapSeconds < 0 ||
    input.overlapSeconds > maxRotationOverlapSeconds
  )
    throw new AppError('VALIDATION_FAILED', `overlap_seconds must be 0 to ${maxRotationOverlapSeconds}`, {
      field: 'overlap_seconds',
    });
  const endpoint = await findOwnEndpoint(deps, principal, input.endpointId);
  const now = deps.clock.now();
  const secret = newWebhookSecret();
  const current = endpoint.secrets[0];
  const secrets = [
    { sealed: deps.secretBox.seal(secret), expiresAt: null },
    ...(current && input.overlapSeconds > 0
      ? [{ sealed: current.sealed, expiresAt: addSeconds(now, input.overlapSeconds) }]
      : []),
  ];
  const updated = await deps.webhookEndpoints.update(endpoint.id, { secrets, updatedAt: now });
  if (!updated) throw webhookNotFound();
  return { endpoint: toWebhookEndpointView(updated, now), secret };
};
