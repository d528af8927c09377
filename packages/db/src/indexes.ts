import type { Collection, Db, Document, IndexDescription } from 'mongodb';

import { masterCollections } from './collections.js';
import { hasErrorCode, namespaceNotFoundCode } from './driver-errors.js';

type NamedIndex = IndexDescription & { name: string };

export const organizationIndexes: NamedIndex[] = [
  { key: { slug: 1 }, name: 'slug_unique', unique: true },
  { key: { collection_name: 1 }, name: 'collection_name_unique', unique: true },
  { key: { admin_id: 1 }, name: 'admin_id' },
  { key: { state: 1 }, name: 'state' },
  // The purger's "deleted and due" range query.
  { key: { state: 1, purge_after: 1 }, name: 'state_purge_after' },
  // The operators' listing, oldest first, in all states or in one.
  { key: { created_at: 1, _id: 1 }, name: 'created_at_id' },
  { key: { state: 1, created_at: 1, _id: 1 }, name: 'state_created_at_id' },
];

export const userIndexes: NamedIndex[] = [{ key: { email: 1 }, name: 'email_unique', unique: true }];

export const membershipIndexes: NamedIndex[] = [
  { key: { organization_id: 1 }, name: 'organization_id' },
  { key: { user_id: 1 }, name: 'user_id' },
  // Sparse: only memberships marked `removing` (waiting for their outbox to be relayed) are in it.
  { key: { state: 1 }, name: 'state', sparse: true },
];

export const invitationIndexes: NamedIndex[] = [
  { key: { token_hash: 1 }, name: 'token_hash_unique', unique: true },
  { key: { organization_id: 1 }, name: 'organization_id' },
];

export const sessionIndexes: NamedIndex[] = [
  { key: { admin_id: 1 }, name: 'admin_id' },
  // A restore ends every session of the organization.
  { key: { organization_id: 1 }, name: 'organization_id' },
  { key: { expires_at: 1 }, name: 'expires_at' },
];

export const refreshTokenIndexes: NamedIndex[] = [
  { key: { session_id: 1 }, name: 'session_id' },
  { key: { expires_at: 1 }, name: 'expires_at' },
];

export const apiKeyIndexes: NamedIndex[] = [
  { key: { secret_hash: 1 }, name: 'secret_hash_unique', unique: true },
  // Not unique: absent on most keys; a lookup here only follows a miss on secret_hash.
  { key: { previous_secret_hash: 1 }, name: 'previous_secret_hash' },
  { key: { organization_id: 1 }, name: 'organization_id' },
];

/**
 * A page of a trail is "this organization, ids below the cursor, newest first"; a date range
 * is a range of ids (they start with the time). Each filter on a field has its own index, so
 * a rare action, actor or failure is found without reading the organization's whole trail.
 */
export const auditEventIndexes: NamedIndex[] = [
  { key: { organization_id: 1, _id: -1 }, name: 'organization_newest' },
  { key: { organization_id: 1, action: 1, _id: -1 }, name: 'organization_action_newest' },
  { key: { organization_id: 1, actor_admin_id: 1, _id: -1 }, name: 'organization_actor_newest' },
  { key: { organization_id: 1, outcome: 1, _id: -1 }, name: 'organization_outcome_newest' },
];

export const organizationOutboxIndexes: NamedIndex[] = [
  // Sparse: only organizations with events waiting to be relayed are in it.
  { key: { 'pending_events._id': 1 }, name: 'pending_events', sparse: true },
];

/** Memberships and invitations carry outboxes too (see WebhookOutbox). */
export const outboxIndexes: NamedIndex[] = organizationOutboxIndexes;

export const webhookEndpointIndexes: NamedIndex[] = [
  { key: { organization_id: 1 }, name: 'organization_id' },
  // Sparse: only endpoints of deleted organizations, waiting to be removed.
  { key: { retire_after: 1 }, name: 'retire_after', sparse: true },
];

export const webhookDeliveryIndexes: NamedIndex[] = [
  // The dispatcher's claim: pending deliveries by due time.
  { key: { status: 1, next_attempt_at: 1 }, name: 'status_due' },
  // The delivery log of one endpoint, newest first.
  { key: { endpoint_id: 1, created_at: -1, _id: -1 }, name: 'endpoint_newest' },
];
// The slug is `_id`: unique by construction.
export const oldNameIndexes: NamedIndex[] = [
  { key: { organization_id: 1 }, name: 'organization_id' },
  { key: { expires_at: 1 }, name: 'expires_at' },
];

const existingIndexNames = async (collection: Collection<Document>): Promise<Set<string>> => {
  try {
    return new Set((await collection.indexes()).flatMap((index) => (index.name ? [index.name] : [])));
  } catch (error) {
    if (hasErrorCode(error, namespaceNotFoundCode)) return new Set();
    throw error;
  }
};

const indexAttempts = 3;

/**
 * Creates only the indexes that are missing: FerretDB v1 crashes the connection
 * when createIndexes is asked for indexes that already exist. Instances starting
 * together can all see an index missing; the losers' connections drop, so each
 * failure looks again before giving up (the driver reconnects by itself).
 */
const ensureIndexes = async (collection: Collection<Document>, indexes: NamedIndex[]): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    const existing = await existingIndexNames(collection);
    const missing = indexes.filter((index) => !existing.has(index.name));
    if (missing.length === 0) return;
    try {
      await collection.createIndexes(missing);
      return;
    } catch (error) {
      if (attempt >= indexAttempts) throw error;
    }
  }
};

/**
 * Creates the master indexes; idempotent, run at every start-up. The unique ones
 * are the final arbiters of names and emails under concurrent requests.
 */
export const ensureMasterIndexes = async (db: Db): Promise<void> => {
  await ensureIndexes(db.collection(masterCollections.organizations), [
    ...organizationIndexes,
    ...organizationOutboxIndexes,
  ]);
  await ensureIndexes(db.collection(masterCollections.users), userIndexes);
  await ensureIndexes(db.collection(masterCollections.memberships), [...membershipIndexes, ...outboxIndexes]);
  await ensureIndexes(db.collection(masterCollections.invitations), [...invitationIndexes, ...outboxIndexes]);
  await ensureIndexes(db.collection(masterCollections.sessions), sessionIndexes);
  await ensureIndexes(db.collection(masterCollections.refreshTokens), refreshTokenIndexes);
  await ensureIndexes(db.collection(masterCollections.auditEvents), auditEventIndexes);
  await ensureIndexes(db.collection(masterCollections.apiKeys), apiKeyIndexes);
  await ensureIndexes(db.collection(masterCollections.webhookEndpoints), webhookEndpointIndexes);
  await ensureIndexes(db.collection(masterCollections.webhookDeliveries), webhookDeliveryIndexes);
  await ensureIndexes(db.collection(masterCollections.oldNames), oldNameIndexes);
};
