import type { WebhookEvent } from '../webhooks/webhook-event.js';
import type { Organization, OrganizationState } from './organization.js';

/** One page of the operators' listing: oldest first (creation time, then id). */
export type OrganizationListQuery = {
  state?: OrganizationState | undefined;
  slugPrefix?: string | undefined;
  /** The sort key of the previous page's last organization. */
  after?: { createdAt: Date; id: string } | undefined;
  limit: number;
};

/**
 * Storage of organization metadata. Implementations translate a duplicate slug or
 * collection name into AppError ORG_NAME_TAKEN.
 */
export interface OrganizationRepository {
  insert(organization: Organization): Promise<void>;
  findById(id: string): Promise<Organization | null>;
  findBySlug(slug: string): Promise<Organization | null>;
  /**
   * Applies `changes` only if the stored version is still `expectedVersion`, and bumps it.
   * Returns the updated organization, or null when another writer got there first.
   * `events` join the organization's webhook outbox in the same single-document write,
   * so they are recorded exactly when the change is.
   */
  compareAndSet(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<Organization, 'id' | 'version' | 'createdAt'>>,
    events?: readonly WebhookEvent[],
  ): Promise<Organization | null>;
  deleteById(id: string): Promise<void>;
  /**
   * Organizations in a state of `unsettledStates` whose last change is older than
   * `updatedBefore`: interrupted operations.
   */
  findUnsettled(updatedBefore: Date, limit: number): Promise<Organization[]>;
  /** `deleted` organizations whose purge is due at `now`, the most overdue first. */
  findDueForPurge(now: Date, limit: number): Promise<Organization[]>;
  /** The organization whose unfinished rename is moving data out of `collectionName`, if any. */
  findRenamingFrom(collectionName: string): Promise<Organization | null>;
  /** A page of organizations in any state, read through an index range (never the whole collection). */
  listPage(query: OrganizationListQuery): Promise<Organization[]>;
  /** How many organizations are in each state (for metrics and health). */
  countByState(): Promise<Record<OrganizationState, number>>;
}

/** Each organization's own storage (a collection per tenant). Every method is idempotent. */
export interface TenantStore {
  /**
   * Creates the collection; an existing one is fine, unless `exclusive` is set, then it
   * is an ORG_BUSY error (it still holds another organization's data, e.g. the source of
   * an unfinished rename, and must not be adopted).
   */
  create(collectionName: string, options?: { exclusive?: boolean }): Promise<void>;
  /** Moves the tenant with all its documents and indexes; no copy-then-drop. */
  rename(fromCollection: string, toCollection: string): Promise<void>;
  drop(collectionName: string): Promise<void>;
  exists(collectionName: string): Promise<boolean>;
}

/**
 * Named, expiring locks in the master database, so that a job (the reconciler)
 * runs on one API instance at a time.
 */
export interface LeaseRepository {
  /** True if `holder` now holds the lease (newly or renewed) until `ttlMs` from now. */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}
