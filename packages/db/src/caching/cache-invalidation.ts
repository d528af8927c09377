/** What one instance tells the others (and itself) to forget after a write. */
export type CacheInvalidation =
  | { kind: 'organization'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'membership'; organizationId: string; userId: string }
  | { kind: 'memberships-of-organization'; organizationId: string }
  | { kind: 'session'; id: string }
  | { kind: 'sessions-of-admin'; adminId: string }
  | { kind: 'api-key'; id: string }
  | { kind: 'api-keys-of-organization'; organizationId: string }
  | { kind: 'sessions-of-organization'; organizationId: string }
  | { kind: 'everything' };

/**
 * Carries invalidations between instances (Redis pub/sub in db). Delivery is best
 * effort: the caches' TTL bounds staleness when a message is lost.
 */
export interface CacheInvalidationBus {
  /** Resolves once the message is on its way (writes wait for it, so other instances hear first). */
  publish(message: CacheInvalidation): Promise<void>;
  subscribe(handler: (message: CacheInvalidation) => void): void;
}
