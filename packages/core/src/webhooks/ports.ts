import type { WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryStatus, WebhookAttemptOutcome } from './delivery.js';
import type { WebhookEndpoint } from './endpoint.js';
import type { WebhookEvent } from './webhook-event.js';

export interface WebhookEndpointRepository {
  insert(endpoint: WebhookEndpoint): Promise<void>;
  findById(id: string): Promise<WebhookEndpoint | null>;
  listByOrganization(organizationId: string): Promise<WebhookEndpoint[]>;
  update(
    id: string,
    changes: Partial<Pick<WebhookEndpoint, 'url' | 'description' | 'eventTypes' | 'status' | 'secrets' | 'updatedAt'>>,
  ): Promise<WebhookEndpoint | null>;
  deleteById(id: string): Promise<boolean>;
  /** A success resets the failure streak and clears `failing` (a disabled endpoint stays disabled). */
  recordSuccess(id: string, at: Date): Promise<void>;
  /** A failure lengthens the streak; at `threshold` an enabled endpoint becomes `failing`. */
  recordFailure(id: string, threshold: number, at: Date): Promise<void>;
  /** The organization is gone: its endpoints are deleted once `after` has passed (see deleteRetired). */
  retireByOrganization(organizationId: string, after: Date): Promise<void>;
  /** Deletes endpoints whose retirement time has passed; returns how many. */
  deleteRetired(now: Date): Promise<number>;
}

/** Events once relayed out of an outbox; inserting one twice is a no-op. */
export interface WebhookEventRepository {
  insert(event: WebhookEvent): Promise<void>;
  findById(id: string): Promise<WebhookEvent | null>;
}

export interface WebhookDeliveryRepository {
  /** Inserts those not there yet (by id); relaying the same event twice adds nothing. */
  insertMany(deliveries: WebhookDelivery[]): Promise<void>;
  findById(id: string): Promise<WebhookDelivery | null>;
  /**
   * Takes the next due pending delivery for `holder` until `leaseUntil` by compare-and-set on its lease,
   * so two instances never hold (and send) the same delivery at once; null when none is due.
   */
  claimDue(now: Date, holder: string, leaseUntil: Date): Promise<WebhookDelivery | null>;
  /** Records an attempt and releases the lease, only while `holder` still holds it. */
  settle(
    id: string,
    holder: string,
    result: {
      status: WebhookDeliveryStatus;
      attempts: number;
      nextAttemptAt: Date | null;
      lastAttempt: WebhookAttemptOutcome | null;
      updatedAt: Date;
    },
  ): Promise<boolean>;
  /** Newest first. */
  listByEndpoint(
    endpointId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<WebhookDeliveryPage>;
  /** The earliest `nextAttemptAt` of a pending delivery, so the dispatcher can sleep until then. */
  nextDueAt(): Promise<Date | null>;
}

/** The document whose outbox holds some events: the one whose change they describe. */
export type OutboxHolder = { kind: 'organization' | 'membership' | 'invitation'; id: string };

export type OutboxEntry = { holder: OutboxHolder; organizationId: string; events: WebhookEvent[] };

/**
 * Events recorded inside the documents they are about (organization, membership and
 * invitation documents carry their pending events), waiting to be relayed.
 */
export interface WebhookOutbox {
  /** Every pending entry of one organization's documents. */
  pendingOf(organizationId: string): Promise<OutboxEntry[]>;
  /** Documents with pending events, at most `limit` of each kind. */
  findPending(limit: number): Promise<OutboxEntry[]>;
  /** Removes the relayed events (as read) from the holder's outbox. */
  acknowledge(entry: OutboxEntry): Promise<void>;
}

/** Decides whether a URL may be called: checks its addresses after DNS resolution (SSRF guard). */
export interface WebhookTargetPolicy {
  /** Throws AppError WEBHOOK_URL_REFUSED with a reason when the URL must not be called. */
  check(url: URL): Promise<void>;
  /** Whether plain http:// and loopback targets are allowed (outside production). */
  allowsInsecure: boolean;
}

export type WebhookRequest = { url: string; headers: Record<string, string>; body: string };

/** Sends one HTTP POST; never throws for what the receiver or network did, reports it instead. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<Omit<WebhookAttemptOutcome, 'at'> & { ok: boolean }>;
}
