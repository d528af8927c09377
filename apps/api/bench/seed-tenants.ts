import {
  membershipId,
  membershipsCollection,
  organizationsCollection,
  organizationCountersCollection,
  usersCollection,
  type MembershipDocument,
  type OrganizationDocument,
  type UserDocument,
} from '@orgsphere/db';
import type { Db } from 'mongodb';

export type SeededTenant = { name: string; email: string };

export const seededTenantPassword = 'seeded-tenant-password';

/**
 * Adds real organizations straight to the database (metadata, owner, tenant
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
  const admins: UserDocument[] = [];
  const memberships: MembershipDocument[] = [];
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
      display_name: `admin ${i}`,
      session_version: 1,
      created_at: now,
      updated_at: now,
    });
    memberships.push({
      _id: membershipId(id, adminId),
      organization_id: id,
      user_id: adminId,
      role: 'owner',
      created_at: now,
      updated_at: now,
    });
    tenants.push({ name: `Seed ${options.runId} ${i}`, email });
  }
  if (organizations.length === 0) return tenants;
  await organizationsCollection(db).insertMany(organizations, { ordered: false });
  await usersCollection(db).insertMany(admins, { ordered: false });
  await membershipsCollection(db).insertMany(memberships, { ordered: false });
  await organizationCountersCollection(db).insertMany(
    organizations.map((organization) => ({ _id: organization._id, owners: 1, members: 1, pending_invitations: 0 })),
    { ordered: false },
  );
  const queue = organizations.map((organization) => organization.collection_name);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await db.createCollection(name);
    }),
  );
  return tenants;
};
