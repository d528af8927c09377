import type { Db } from 'mongodb';

/** Names of the master database's own collections (tenants use `org_<slug>`). */
export const masterCollections = {
  organizations: 'organizations',
  users: 'users',
  memberships: 'memberships',
  organizationCounters: 'organization_counters',
  invitations: 'invitations',
  leases: 'leases',
  sessions: 'sessions',
  refreshTokens: 'refresh_tokens',
  auditEvents: 'audit_events',
  migrations: 'migrations',
  oldNames: 'old_names',
} as const;

export type OrganizationDocument = {
  _id: string;
  name: string;
  slug: string;
  collection_name: string;
  admin_id: string;
  state: 'provisioning' | 'active' | 'renaming' | 'deleting' | 'deleted' | 'suspended';
  version: number;
  renamed_from?: { name: string; slug: string; collection_name: string } | null;
  /** Set by a soft delete (top-level, so the purger's range query has an index). */
  deleted_at?: Date | null;
  purge_after?: Date | null;
  restore_token_hash?: string | null;
  created_at: Date;
  updated_at: Date;
};

export type UserDocument = {
  _id: string;
  email: string;
  password_hash: string;
  display_name: string;
  session_version: number;
  created_at: Date;
  updated_at: Date;
};

/** Keyed by organization and user, so the per-request membership check is a lookup by `_id`. */
export type MembershipDocument = {
  _id: string;
  organization_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  created_at: Date;
  updated_at: Date;
};

/** Keyed by the organization's id (see core's OrganizationCounterRepository). */
export type OrganizationCountersDocument = {
  _id: string;
  owners: number;
  members: number;
  pending_invitations: number;
};

export const organizationsCollection = (db: Db) => db.collection<OrganizationDocument>(masterCollections.organizations);

export type InvitationDocument = {
  _id: string;
  organization_id: string;
  email: string;
  role: 'owner' | 'admin' | 'member';
  /** SHA-256 of the token (unique index): the token itself is never stored. */
  token_hash: string;
  state: 'pending' | 'accepting' | 'accepted' | 'revoked' | 'expired';
  expires_at: Date;
  invited_by: string;
  accepted_by: string | null;
  created_at: Date;
  updated_at: Date;
};

export const invitationsCollection = (db: Db) => db.collection<InvitationDocument>(masterCollections.invitations);

export const usersCollection = (db: Db) => db.collection<UserDocument>(masterCollections.users);
export const membershipsCollection = (db: Db) => db.collection<MembershipDocument>(masterCollections.memberships);
export const organizationCountersCollection = (db: Db) =>
  db.collection<OrganizationCountersDocument>(masterCollections.organizationCounters);

export const membershipId = (organizationId: string, userId: string): string => `${organizationId}:${userId}`;

export type LeaseDocument = { _id: string; holder: string; expires_at: Date };

export const leasesCollection = (db: Db) => db.collection<LeaseDocument>(masterCollections.leases);

export type SessionDocument = {
  _id: string;
  admin_id: string;
  organization_id: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
  revoked_at: Date | null;
};

/** Keyed by the token's SHA-256, so a refresh is one lookup by `_id`. */
export type RefreshTokenDocument = {
  _id: string;
  session_id: string;
  admin_id: string;
  created_at: Date;
  expires_at: Date;
  rotated_at: Date | null;
};

export type AuditEventDocument = {
  _id: string;
  at: Date;
  action: string;
  outcome: 'success' | 'failure';
  reason: string | null;
  organization_id: string | null;
  actor_admin_id: string | null;
  subject?: string | null;
  ip: string | null;
  request_id: string | null;
};

export const sessionsCollection = (db: Db) => db.collection<SessionDocument>(masterCollections.sessions);
export const refreshTokensCollection = (db: Db) => db.collection<RefreshTokenDocument>(masterCollections.refreshTokens);
export const auditEventsCollection = (db: Db) => db.collection<AuditEventDocument>(masterCollections.auditEvents);

/** One per applied schema migration, keyed by the migration's id. */
export type MigrationDocument = { _id: string; applied_at: Date; applied_by: string };

export const migrationsCollection = (db: Db) => db.collection<MigrationDocument>(masterCollections.migrations);

/** An organization's former name, keyed by its slug (so one holder per slug); `expires_at` is enforced by the application. */
export type OldNameDocument = {
  _id: string;
  name: string;
  organization_id: string;
  expires_at: Date;
  reserved_at: Date;
};

export const oldNamesCollection = (db: Db) => db.collection<OldNameDocument>(masterCollections.oldNames);
