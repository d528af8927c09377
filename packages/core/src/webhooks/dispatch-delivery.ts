import type { Clock } from '../time.js';
import type { WebhookDelivery } from './delivery.js';
import { signingSecrets } from './endpoint.js';
import type {
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WebhookEventRepository,
  WebhookSender,
} from './ports.js';
import { nextAttemptAt, type RetryPolicy } from './retry-schedule.js';
import type { SecretBox } from './secret-box.js';
import { signWebhook } from './signature.js';
import { webhookPayload } from './webhook-event.js';

export type DispatchDeps = {
  webhookEndpoints: Pick<WebhookEndpointRepository, 'findById' | 'recordSuccess' | 'recordFailure'>;
  webhookEvents: Pick<WebhookEventRepository, 'findById'>;
  webhookDeliveries: Pick<WebhookDeliveryRepository, 'claimDue' | 'settle'>;
  webhookSender: WebhookSender;
  secretBox: SecretBox;
  clock: Clock;
  retryPolicy: RetryPolicy;
  /** Failed attempts in a row after which an endpoint is marked `failing`. */
  failureThreshold: number;
  /** Must comfortably exceed the sender's timeout: the lease is what keeps other instances off. */
  leaseMs: number;
  /** This process, as lease holder. */
  instanceId: string;
};

/**
 * Claims one due delivery (a compare-and-set lease on its document) and makes one
 * attempt. Returns false when nothing was due. At least once: a crash after the send
 * and before the result is recorded lets the lease lapse, and the delivery is sent again.
 */
export const dispatchNextDelivery = async (deps: DispatchDeps): Promise<boolean> => {
  const now = deps.clock.now();
  const delivery = await deps.webhookDeliveries.claimDue(now, deps.instanceId, new Date(now.getTime() + deps.leaseMs));
  if (!delivery) return false;
  await attempt(deps, delivery);
  return true;
};

const giveUp = (deps: DispatchDeps, delivery: WebhookDelivery, error: string) => {
  const at = deps.clock.now();
  return deps.webhookDeliveries.settle(delivery.id, deps.instanceId, {
    status: 'failed',
    attempts: delivery.attempts,
    nextAttemptAt: null,
    lastAttempt: { at, statusCode: null, latencyMs: 0, error, responseExcerpt: null },
    updatedAt: at,
  });
};

const attempt = async (deps: DispatchDeps, delivery: WebhookDelivery) => {
  const endpoint = await deps.webhookEndpoints.findById(delivery.endpointId);
  if (!endpoint) return giveUp(deps, delivery, 'endpoint deleted');
  if (endpoint.status === 'disabled') return giveUp(deps, delivery, 'endpoint disabled');
  const event = await deps.webhookEvents.findById(delivery.eventId);
  if (!event) return giveUp(deps, delivery, 'event not found');

  const started = deps.clock.now();
  const timestamp = Math.floor(started.getTime() / 1000);
  const body = webhookPayload(event);
  let secrets: string[];
  try {
    secrets = signingSecrets(endpoint, started).map((secret) => deps.secretBox.open(secret.sealed));
  } catch {
    // Retrying cannot help: the key that sealed it is gone. Rotating the secret repairs the endpoint.
    return giveUp(deps, delivery, 'endpoint secret cannot be unsealed (was WEBHOOK_SECRETS_KEY changed?)');
  }
  const result = await deps.webhookSender.send({
    url: endpoint.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'OrgSphere-Webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secrets, event.id, timestamp, body),
    },
  });
  const at = deps.clock.now();
  const attempts = delivery.attempts + 1;
  const next = result.ok ? null : nextAttemptAt(attempts, at, deps.retryPolicy);
  await deps.webhookDeliveries.settle(delivery.id, deps.instanceId, {
    status: result.ok ? 'delivered' : next ? 'pending' : 'failed',
    attempts,
    nextAttemptAt: next,
    lastAttempt: {
      at: started,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.error,
      responseExcerpt: result.responseExcerpt,
    },
    updatedAt: at,
  });
  if (result.ok) await deps.webhookEndpoints.recordSuccess(endpoint.id, at);
  else await deps.webhookEndpoints.recordFailure(endpoint.id, deps.failureThreshold, at);
};
