import type {
  AdminRepository,
  AuditLog,
  LeaseRepository,
  OrganizationRepository,
  SessionRepository,
  TenantStore,
} from '@orgsphere/core';
import type { MongoClient } from 'mongodb';

import { createAdminsRepository } from './admins-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { ensureMasterIndexes } from './indexes.js';
import { createLeasesRepository } from './leases-repository.js';
import { createOrganizationsRepository } from './organizations-repository.js';
import { repairKeyLinks } from './repair-key-links.js';
import { createSessionsRepository } from './sessions-repository.js';
import { createTenantStore } from './tenant-store.js';

export type Repositories = {
  organizations: OrganizationRepository;
  admins: AdminRepository;
  tenants: TenantStore;
  leases: LeaseRepository;
  sessions: SessionRepository;
  audit: AuditLog;
};

/**
 * Master collections and tenant collections share one database: a tenant rename is
 * a renameCollection, which no supported server can do across databases.
 */
export const openRepositories = async (client: MongoClient, masterDatabaseName: string): Promise<Repositories> => {
  const db = client.db(masterDatabaseName);
  await ensureMasterIndexes(db);
  await repairKeyLinks(db);
  return {
    organizations: createOrganizationsRepository(db),
    admins: createAdminsRepository(db),
    tenants: createTenantStore(db),
    leases: createLeasesRepository(db),
    sessions: createSessionsRepository(db),
    audit: createAuditRepository(db),
  };
};
