import type {
  AuditLog,
  InvitationRepository,
  MembershipRepository,
  OrganizationCounterRepository,
  UserRepository,
  LeaseRepository,
  OrganizationRepository,
  SessionRepository,
  TenantStore,
} from '@orgsphere/core';
import { hostname } from 'node:os';

import type { MongoClient } from 'mongodb';

import { createAuditRepository } from './audit-repository.js';
import { withCallDeadline } from './call-deadline.js';
import { ensureMasterIndexes } from './indexes.js';
import { createInvitationsRepository } from './invitations-repository.js';
import { createLeasesRepository } from './leases-repository.js';
import { createMembershipsRepository } from './memberships-repository.js';
import { createOrganizationCountersRepository } from './organization-counters-repository.js';
import { createOrganizationsRepository } from './organizations-repository.js';
import { runMigrations } from './migrations/run-migrations.js';
import { createSessionsRepository } from './sessions-repository.js';
import { createTenantStore } from './tenant-store.js';
import { createUsersRepository } from './users-repository.js';

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
};

export type OpenRepositoriesOptions = {
  /** Names this process in the migrations it applies (default host:pid:random). */
  instanceId?: string;
  /**
   * How long a repository call may go unanswered before it fails as unavailable
   * (default: the client's server-selection timeout, so every call ends within it).
   */
  callDeadlineMs?: number;
};

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
  const deadlineMs = options.callDeadlineMs ?? client.options.serverSelectionTimeoutMS;
  return {
    organizations: withCallDeadline(createOrganizationsRepository(db), deadlineMs, ['countByState']),
    users: withCallDeadline(createUsersRepository(db), deadlineMs),
    memberships: withCallDeadline(createMembershipsRepository(db), deadlineMs),
    counters: withCallDeadline(createOrganizationCountersRepository(db), deadlineMs),
    invitations: withCallDeadline(createInvitationsRepository(db), deadlineMs),
    tenants: withCallDeadline(createTenantStore(db), deadlineMs),
    leases: withCallDeadline(createLeasesRepository(db), deadlineMs),
    sessions: withCallDeadline(createSessionsRepository(db), deadlineMs, ['deleteExpired']),
    audit: withCallDeadline(createAuditRepository(db), deadlineMs),
  };
};
