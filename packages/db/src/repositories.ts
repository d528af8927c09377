import type {
  AdminRepository,
  AuditLog,
  LeaseRepository,
  OldNameRepository,
  OrganizationArchive,
  OrganizationRepository,
  SessionRepository,
  TenantStore,
} from '@orgsphere/core';
import { hostname } from 'node:os';

import type { MongoClient } from 'mongodb';

import { createAdminsRepository } from './admins-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { withCallDeadline } from './call-deadline.js';
import { ensureMasterIndexes } from './indexes.js';
import { createLeasesRepository } from './leases-repository.js';
import { createOldNamesRepository } from './old-names-repository.js';
import { createOrganizationArchive } from './organization-archive.js';
import { createOrganizationsRepository } from './organizations-repository.js';
import { runMigrations } from './migrations/run-migrations.js';
import { createSessionsRepository } from './sessions-repository.js';
import { createTenantStore } from './tenant-store.js';

export type Repositories = {
  organizations: OrganizationRepository;
  admins: AdminRepository;
  tenants: TenantStore;
  leases: LeaseRepository;
  sessions: SessionRepository;
  audit: AuditLog;
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
};

/**
 * Master collections and tenant collections share one database: a tenant rename is
 * a renameCollection, which no supported server can do across databases. Opening
 * them ensures the indexes and applies pending migrations, neither of which reads
 * organizations or admins, so start-up does not grow with their number.
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
    admins: withCallDeadline(createAdminsRepository(db), deadlineMs),
    tenants: withCallDeadline(createTenantStore(db), deadlineMs),
    leases: withCallDeadline(createLeasesRepository(db), deadlineMs),
    sessions: withCallDeadline(createSessionsRepository(db), deadlineMs, ['deleteExpired']),
    audit: withCallDeadline(createAuditRepository(db), deadlineMs),
    oldNames: withCallDeadline(createOldNamesRepository(db), deadlineMs, ['deleteExpired']),
    archives: createOrganizationArchive(db),
  };
};
