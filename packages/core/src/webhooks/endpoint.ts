import type { WebhookEventType } from './event-types.js';

/** `failing`: the last `failureThreshold` attempts in a row failed; sending goes on, the first success clears it. */
export type WebhookEndpointStatus = 'enabled' | 'disabled' | 'failing';

/** A secret sealed at rest (see SecretBox); `expiresAt` is set on the previous secret during a rotation's overlap. */
export type SealedSecret = { sealed: string; expiresAt: Date | null };

export type WebhookEndpoint = {
  id: string;
  organizationId: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  status: WebhookEndpointStatus;
  /** The current secret first, then earlier ones still signing until they expire. */
  secrets: SealedSecret[];
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
};

export type WebhookEndpointView = Omit<WebhookEndpoint, 'secrets'> & {
  /** Until when an earlier secret still signs too (a rotation's overlap), if any. */
  previousSecretExpiresAt: Date | null;
};

/** Secrets that sign at `now`: the current one, plus earlier ones whose overlap has not ended. */
export const signingSecrets = (endpoint: Pick<WebhookEndpoint, 'secrets'>, now: Date): SealedSecret[] =>
  endpoint.secrets.filter((secret, index) => index === 0 || (secret.expiresAt !== null && secret.expiresAt > now));

export const toWebhookEndpointView = (endpoint: WebhookEndpoint, now: Date): WebhookEndpointView => {
  const { secrets: _secrets, ...rest } = endpoint;
  const previous = signingSecrets(endpoint, now).slice(1);
  return { ...rest, previousSecretExpiresAt: previous[0]?.expiresAt ?? null };
};
