import { createHash } from 'node:crypto';

import type { Db } from 'mongodb';

/**
 * Everything that must hold between the master collections and the tenant
 * collections once no operation is in flight. Returns the violations found.
 */
export const findInconsistencies = async (db: Db): Promise<string[]> => {
  const problems: string[] = [];
  type Org = { _id: string; name: string; slug: string; state: string; collection_name: string; admin_id: string };
  type Admin = { _id: string; email: string; organization_id: string };
  const organizations = await db.collection<Org>('organizations').find({}).toArray();
  const admins = await db.collection<Admin>('admins').find({}).toArray();
  const collections = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((name) => name.startsWith('org_')),
  );
  const orgIds = new Set(organizations.map((o) => String(o._id)));

  for (const org of organizations) {
    // Soft-deleted and suspended organizations are settled too, and keep their admin and data.
    if (!['active', 'deleted', 'suspended'].includes(org.state))
      problems.push(`organization ${org.name} is ${org.state}`);
    if (!collections.has(org.collection_name))
      problems.push(`organization ${org.name} has no collection ${org.collection_name}`);
    if (!admins.some((a) => a._id === org.admin_id && a.organization_id === org._id)) {
      problems.push(`organization ${org.name} has no admin`);
    }
  }
  const owned = new Set(organizations.map((o) => o.collection_name));
  for (const name of collections) if (!owned.has(name)) problems.push(`orphan collection ${name}`);
  for (const admin of admins) {
    if (!orgIds.has(String(admin.organization_id))) problems.push(`orphan admin ${admin.email}`);
  }
  return problems;
};

/** Order-independent fingerprint of a collection's documents: count plus a digest of each. */
export const collectionChecksum = async (db: Db, name: string): Promise<{ count: number; digest: string }> => {
  const digests = (await db.collection(name).find({}).toArray())
    .map((doc) => createHash('sha256').update(JSON.stringify(doc)).digest('hex'))
    .sort();
  return { count: digests.length, digest: createHash('sha256').update(digests.join('')).digest('hex') };
};
