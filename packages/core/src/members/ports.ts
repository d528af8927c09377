import type { Membership } from './membership.js';
import type { Role } from './role.js';

/**
 * Who belongs to which organization. A second membership of one user in one
 * organization becomes AppError MEMBER_EXISTS.
 */
export interface MembershipRepository {
  insert(membership: Membership): Promise<void>;
  find(organizationId: string, userId: string): Promise<Membership | null>;
  /** Oldest first. */
  listByOrganization(organizationId: string): Promise<Membership[]>;
  /** Oldest first. */
  listByUser(userId: string): Promise<Membership[]>;
  countByOrganization(organizationId: string): Promise<number>;
  /** Changes the role only if it is still `from`: the updated membership, or null. */
  changeRole(organizationId: string, userId: string, from: Role, to: Role, at: Date): Promise<Membership | null>;
  /** Removes the membership only if its role is still `role`: true for exactly one caller. */
  remove(organizationId: string, userId: string, role: Role): Promise<boolean>;
  deleteByOrganization(organizationId: string): Promise<void>;
}

/**
 * The number of owners of each organization, kept beside the memberships so that
 * "never below one owner" is a single conditional write (there are no transactions).
 * It never exceeds the real number: it is lowered before an owner goes and raised
 * after one arrives, so a crash in between only makes it more careful.
 */
export interface OwnerCountRepository {
  /** Sets the count of a new organization (idempotent). */
  initialize(organizationId: string, owners: number): Promise<void>;
  /** Lowers the count by one only if that leaves at least one owner: true when it did. */
  decrementIfNotLast(organizationId: string): Promise<boolean>;
  increment(organizationId: string): Promise<void>;
  deleteByOrganization(organizationId: string): Promise<void>;
}
