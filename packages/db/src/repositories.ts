import type {
  ApiKeyRepository,
  AuditLog,
  InvitationRepository,
  MembershipRepository,
  OrganizationCounterRepository,
  UserRepository,
  LeaseRepository,
  OldNameRepository,
  OrganizationArchive,
  OrganizationRepository,
  SessionRepository,
  TenantStore,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WebhookEventRepository,
  WebhookOutbox,
} from '@orgsphere/core';
import { hostname } from 'node:os';

import type { MongoClient } from 'mongodb';

import { createApiKeysRepository } from './api-keys-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { withCallDeadline, type IsAlive } from './call-deadline.js';
import { pingDatabase } from './client.js';
import { ensureMasterIndexes } from './indexes.js';
import { createInvitationsRepository } from './invitations-repository.js';
import { createLeasesRepository } from './leases-repository.js';
import { createMembershipsRepository } from './memberships-repository.js';
import { createOrganizationCountersRepository } from './organization-counters-repository.js';
import { createOldNamesRepository } from './old-names-repository.js';
import { createOrganizationArchive } from './organization-archive.js';
import { createOrganizationsRepository } from './organizations-repository.js';
import { runMigrations } from './migrations/run-migrations.js';
import { createSessionsRepository } from './sessions-repository.js';
import { createTenantStore } from './tenant-store.js';
import { createUsersRepository } from './users-repository.js';
import { createWebhookDeliveriesRepository } from './webhooks/webhook-deliveries-repository.js';
import { createWebhookEndpointsRepository } from './webhooks/webhook-endpoints-repository.js';
import { createWebhookEventsRepository } from './webhooks/webhook-events-repository.js';
import { createWebhookOutbox } from './webhooks/webhook-outbox.js';

export type Repositories = {
  organizations: OrganizationRepository;
  users: UserRepository;
  memberships: MembershipRepository;
  counters: OrganizationCounterRepository;
  invitations: InvitationRepository;
  tenants: TenantStore;
  leases: LeaseRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  apiKeys: ApiKeyRepository;
  webhookEndpoints: WebhookEndpointRepository;
  webhookEvents: WebhookEventRepository;
  webhookDeliveries: WebhookDeliveryRepository;
  webhookOutbox: WebhookOutbox;
  oldNames: OldNameRepository;
  /** Streams: no call deadline (an export or import runs as long as the tenant is large). */
  archives: OrganizationArchive;
};

export type OpenRepositoriesOptions = {
  /** Names this process in the migrations it applies (default host:pid:random). */
  instanceId?: string;
  /**
   * How long a repository call may go unanswered before it fails as unavailable
   * (default: the client's server-selection timeout, so every call ends within it).
   */
  callDeadlineMs?: number;
  /**
   * Asked when a call passes its deadline: true keeps it waiting (the database is busy,
   * not gone). Default: a ping over the same client (see liveness-probe.ts for a better one).
   */
  isAlive?: IsAlive;
};

/** A ping that takes longer than this counts as no answer. */
export const livenessPingTimeoutMs = 500;

/**
 * Master collections and tenant collections share one database: a tenant rename is
 * a renameCollection, which no supported server can do across databases. Opening
 * them ensures the indexes and applies pending migrations, neither of which reads
 * organizations or users, so start-up does not grow with their number.
 */
export const openRepositories = async (
  client: MongoClient,
  masterDatabaseName: string,
  options: OpenRepositoriesOptions = {},
): Promise<Repositories> => {
  const db = client.db(masterDatabaseName);
  await ensureMasterIndexes(db);
  await runMigrations(db, {
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`,
  });
  const deadline = {
    deadlineMs: options.callDeadlineMs ?? client.options.serverSelectionTimeoutMS,
    isAlive: options.isAlive ?? (() => pingDatabase(client, masterDatabaseName, livenessPingTimeoutMs)),
  };
  return {
    organizations: withCallDeadline(createOrganizationsRepository(db), deadline, ['countByState']),
    users: withCallDeadline(createUsersRepository(db), deadline),
    memberships: withCallDeadline(createMembershipsRepository(db), deadline),
    counters: withCallDeadline(createOrganizationCountersRepository(db), deadline),
    invitations: withCallDeadline(createInvitationsRepository(db), deadline),
    tenants: withCallDeadline(createTenantStore(db), deadline),
    leases: withCallDeadline(createLeasesRepository(db), deadline),
    sessions: withCallDeadline(createSessionsRepository(db), deadline, ['deleteExpired']),
    audit: withCallDeadline(createAuditRepository(db), deadline),
    apiKeys: withCallDeadline(createApiKeysRepository(db), deadline),
    webhookEndpoints: withCallDeadline(createWebhookEndpointsRepository(db), deadline),
    webhookEvents: withCallDeadline(createWebhookEventsRepository(db), deadline),
    webhookDeliveries: withCallDeadline(createWebhookDeliveriesRepository(db), deadline),
    webhookOutbox: withCallDeadline(createWebhookOutbox(db), deadline),
    oldNames: withCallDeadline(createOldNamesRepository(db), deadline, ['deleteExpired']),
    archives: createOrganizationArchive(db),
  };
};
