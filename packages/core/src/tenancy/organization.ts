import type { User } from '../users/user.js';

/**
 * Lifecycle of an organization's metadata. Only `active` organizations are
 * visible to readers. `deleted` is settled: the owner may restore it until its
 * purge is due. `suspended` is settled too: an operator stopped it, and only an
 * operator brings it back. The others mark an operation in flight (or interrupted).
 */
export type OrganizationState = 'provisioning' | 'active' | 'renaming' | 'deleting' | 'deleted' | 'suspended';

/** A soft deletion: the data is kept, the name stays reserved, until `purgeAfter`. */
export type OrganizationDeletion = {
  deletedAt: Date;
  purgeAfter: Date;
  /** SHA-256 of the restore token handed out at deletion; the token itself is never stored. */
  restoreTokenHash: string;
};

export type OrganizationNames = { name: string; slug: string; collectionName: string };

export type Organization = {
  id: string;
  name: string;
  slug: string;
  collectionName: string;
  /** The creator: the owner shown as `admin_id` while they stay an owner (see findOwner). */
  adminId: string;
  state: OrganizationState;
  /** Bumped by every change; writers compare-and-set on it. */
  version: number;
  /** While `renaming`: the names being moved away from, so recovery can finish the move. */
  renamedFrom?: OrganizationNames | null;
  /** While `deleted` (and `deleting` after it): when and until when it can be restored. */
  deletion?: OrganizationDeletion | null;
  createdAt: Date;
  updatedAt: Date;
};

/** What the API shows of an organization: never a hash, never storage internals beyond names. */
export type OrganizationView = {
  organizationId: string;
  name: string;
  slug: string;
  collectionName: string;
  /** An owner of the organization (the original contract's single admin). */
  adminId: string;
  adminEmail: string;
  createdAt: Date;
  updatedAt: Date;
  /** Where it is in its lifecycle (readers see `active`, or `renaming` while a rename is in flight). */
  state: OrganizationState;
  /** Set when it was looked up by an old name (after a rename): that name. */
  renamedFrom?: string | undefined;
};

export const toOrganizationView = (
  organization: Organization,
  owner: Pick<User, 'id' | 'email'>,
): OrganizationView => ({
  organizationId: organization.id,
  name: organization.name,
  slug: organization.slug,
  collectionName: organization.collectionName,
  adminId: owner.id,
  adminEmail: owner.email,
  createdAt: organization.createdAt,
  updatedAt: organization.updatedAt,
  state: organization.state,
});
