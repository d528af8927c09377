/** What one instance tells the others (and itself) to forget after a write. */
export type CacheInvalidation =
  | { kind: 'organization'; id: string }
  | { kind: 'admin'; id: string }
  | { kind: 'admins-of-organization'; organizationId: string }
  | { kind: 'session'; id: string }
  | { kind: 'sessions-of-admin'; adminId: string }
  | { kind: 'everything' };

/**
 * Carries invalidations between instances (Redis pub/sub in db). Delivery is best
 * effort: the caches' TTL bounds staleness when a message is lost.
 */
export interface CacheInvalidationBus {
  publish(message: CacheInvalidation): void;
  subscribe(handler: (message: CacheInvalidation) => void): void;
}
