import {
  adminsCollection,
  organizationsCollection,
  type AdminDocument,
  type OrganizationDocument,
} from '@orgsphere/db';
import type { Db } from 'mongodb';

export type SeededTenant = { name: string; email: string };

export const seededTenantPassword = 'seeded-tenant-password';

/**
 * Adds real organizations straight to the database (metadata, admin, tenant
 * collection): creating 10,000 through the API would spend most of the time
 * budget on argon2. Every seeded admin shares one real argon2id hash
 * (of `seededTenantPassword`).
 */
export const seedTenants = async (
  db: Db,
  options: { from: number; to: number; passwordHash: string; runId: string },
) => {
  const now = new Date();
  const organizations: OrganizationDocument[] = [];
  const admins: AdminDocument[] = [];
  const tenants: SeededTenant[] = [];
  for (let i = options.from; i < options.to; i += 1) {
    const slug = `seed_${options.runId}_${i}`;
    const id = crypto.randomUUID();
    const adminId = crypto.randomUUID();
    const email = `admin.${i}@seed-${options.runId}.test`;
    organizations.push({
      _id: id,
      name: `Seed ${options.runId} ${i}`,
      slug,
      collection_name: `org_${slug}`,
      admin_id: adminId,
      state: 'active',
      version: 1,
      renamed_from: null,
      created_at: now,
      updated_at: now,
    });
    admins.push({
      _id: adminId,
      email,
      password_hash: options.passwordHash,
      organization_id: id,
      session_version: 1,
      created_at: now,
      updated_at: now,
    });
    tenants.push({ name: `Seed ${options.runId} ${i}`, email });
  }
  if (organizations.length === 0) return tenants;
  await organizationsCollection(db).insertMany(organizations, { ordered: false });
  await adminsCollection(db).insertMany(admins, { ordered: false });
  const queue = organizations.map((organization) => organization.collection_name);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await db.createCollection(name);
    }),
  );
  return tenants;
};
