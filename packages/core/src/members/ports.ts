import type { Membership } from './membership.js';
import type { WebhookEvent } from '../webhooks/webhook-event.js';
import type { Role } from './role.js';

/**
 * Who belongs to which organization. A second membership of one user in one
 * organization becomes AppError MEMBER_EXISTS.
 */
export interface MembershipRepository {
  /** `events` join the membership's webhook outbox in the same write. */
  insert(membership: Membership, events?: readonly WebhookEvent[]): Promise<void>;
  find(organizationId: string, userId: string): Promise<Membership | null>;
  /** Oldest first. */
  listByOrganization(organizationId: string): Promise<Membership[]>;
  /** Oldest first. */
  listByUser(userId: string): Promise<Membership[]>;
  countByOrganization(organizationId: string): Promise<number>;
  /** Changes the role only if it is still `from`: the updated membership, or null. */
  changeRole(
    organizationId: string,
    userId: string,
    from: Role,
    to: Role,
    at: Date,
    events?: readonly WebhookEvent[],
  ): Promise<Membership | null>;
  /**
   * Ends the membership only if its role is still `role`: true for exactly one caller. It is
   * marked `removing` with `events` in its outbox in one write, and from then on no read sees
   * it; the document itself goes once the outbox is relayed (deleteRelayedRemovals).
   */
  remove(
    organizationId: string,
    userId: string,
    role: Role,
    at: Date,
    events?: readonly WebhookEvent[],
  ): Promise<boolean>;
  /** Deletes removed memberships whose outbox is empty; idempotent, returns how many. */
  deleteRelayedRemovals(): Promise<number>;
  deleteByOrganization(organizationId: string): Promise<void>;
}

/** What is counted per organization; each count guards an invariant or a limit. */
export type OrganizationCounter = 'owners' | 'members' | 'pendingInvitations';

/**
 * Counts kept beside the memberships and invitations, so that "never below one owner"
 * and "at most N members / pending invitations" are each a single conditional write
 * (there are no transactions). A count is moved before the change it guards when that
 * change lowers what it protects and after it otherwise, so a crash in between only
 * ever leaves it more careful (fewer owners, more members/invitations than real).
 */
export interface OrganizationCounterRepository {
  /** Sets the counts of a new organization (idempotent: existing counts stay). */
  initialize(organizationId: string, counts: Record<OrganizationCounter, number>): Promise<void>;
  /**
   * Adds `by` only if the result stays within `min` (default 0) and `max` (default
   * unbounded): true when it did. Concurrent callers never pass a bound together.
   */
  adjust(
    organizationId: string,
    counter: OrganizationCounter,
    by: 1 | -1,
    bounds?: { min?: number; max?: number },
  ): Promise<boolean>;
  deleteByOrganization(organizationId: string): Promise<void>;
}
