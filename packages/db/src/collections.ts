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
  apiKeys: 'api_keys',
  webhookEndpoints: 'webhook_endpoints',
  webhookEvents: 'webhook_events',
  webhookDeliveries: 'webhook_deliveries',
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
  /** The webhook outbox: events written with the change they describe, until relayed. */
  pending_events?: WebhookEventDocument[];
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
  /**
   * `removing`: the member is gone (every read skips it); the document stays only until its
   * outbox (which carries member.removed) is relayed, then it is deleted.
   */
  state?: 'removing';
  /** The webhook outbox (see OrganizationDocument.pending_events). */
  pending_events?: WebhookEventDocument[];
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
  /** The webhook outbox (see OrganizationDocument.pending_events). */
  pending_events?: WebhookEventDocument[];
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
  /** Only on events an API key caused. */
  actor_api_key_id?: string;
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

/** An organization API key; only SHA-256 hashes of its secrets are stored (unique index on the current one). */
export type ApiKeyDocument = {
  _id: string;
  organization_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  secret_hash: string;
  /** Present only during a rotation's grace period (absent, not null, so its index stays small). */
  previous_secret_hash?: string;
  previous_valid_until: Date | null;
  rotated_at: Date | null;
  version: number;
};

export const apiKeysCollection = (db: Db) => db.collection<ApiKeyDocument>(masterCollections.apiKeys);
export type WebhookEventDocument = {
  _id: string;
  type: string;
  organization_id: string;
  occurred_at: Date;
  data: Record<string, unknown>;
};

export type WebhookEndpointDocument = {
  _id: string;
  organization_id: string;
  url: string;
  description: string;
  event_types: string[];
  status: 'enabled' | 'disabled' | 'failing';
  /** AES-256-GCM sealed; the current one first. */
  secrets: { sealed: string; expires_at: Date | null }[];
  consecutive_failures: number;
  /** Set when the organization is deleted: the endpoint goes after this time. */
  retire_after?: Date;
  created_at: Date;
  updated_at: Date;
};

export type WebhookDeliveryDocument = {
  _id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  organization_id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** Set while pending; the claim query's sort key. */
  next_attempt_at: Date | null;
  /** Who may send it until `lease_until` (compare-and-set claim); epoch when free. */
  lease_holder: string | null;
  lease_until: Date;
  last_attempt: {
    at: Date;
    status_code: number | null;
    latency_ms: number;
    error: string | null;
    response_excerpt: string | null;
  } | null;
  created_at: Date;
  updated_at: Date;
};

export const webhookEndpointsCollection = (db: Db) =>
  db.collection<WebhookEndpointDocument>(masterCollections.webhookEndpoints);
export const webhookEventsCollection = (db: Db) => db.collection<WebhookEventDocument>(masterCollections.webhookEvents);
export const webhookDeliveriesCollection = (db: Db) =>
  db.collection<WebhookDeliveryDocument>(masterCollections.webhookDeliveries);
/** An organization's former name, keyed by its slug (so one holder per slug); `expires_at` is enforced by the application. */
export type OldNameDocument = {
  _id: string;
  name: string;
  organization_id: string;
  expires_at: Date;
  reserved_at: Date;
};

export const oldNamesCollection = (db: Db) => db.collection<OldNameDocument>(masterCollections.oldNames);
