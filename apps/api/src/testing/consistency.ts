import { createHash } from 'node:crypto';

import type { Db } from 'mongodb';

/**
 * Everything that must hold between the master collections and the tenant
 * collections once no operation is in flight. Returns the violations found.
 */
export const findInconsistencies = async (db: Db): Promise<string[]> => {
  const problems: string[] = [];
  type Org = { _id: string; name: string; slug: string; state: string; collection_name: string; admin_id: string };
  type User = { _id: string; email: string };
  type Membership = { _id: string; organization_id: string; user_id: string; role: string; state?: string };
  const organizations = await db.collection<Org>('organizations').find({}).toArray();
  const users = await db.collection<User>('users').find({}).toArray();
  const memberships = await db.collection<Membership>('memberships').find({}).toArray();
  const userIds = new Set(users.map((u) => u._id));
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
    if (
      !memberships.some(
        (m) => m.organization_id === org._id && m.role === 'owner' && m.state !== 'removing' && userIds.has(m.user_id),
      )
    ) {
      problems.push(`organization ${org.name} has no owner`);
    }
  }
  const owned = new Set(organizations.map((o) => o.collection_name));
  for (const name of collections) if (!owned.has(name)) problems.push(`orphan collection ${name}`);
  for (const membership of memberships) {
    if (!orgIds.has(membership.organization_id)) problems.push(`orphan membership ${membership._id}`);
    if (!userIds.has(membership.user_id)) problems.push(`membership ${membership._id} of no user`);
  }
  // Everything else that names an organization goes with it when it is purged.
  for (const collection of ['invitations', 'organization_counters', 'old_names'] as const) {
    const field = collection === 'organization_counters' ? '_id' : 'organization_id';
    for (const doc of await db.collection(collection).find({}).toArray()) {
      if (!orgIds.has(String(doc[field]))) problems.push(`orphan ${collection} document ${String(doc._id)}`);
    }
  }
  const purgedTrail = await db
    .collection('audit_events')
    // The call that purged an organization is recorded after it, as its one remaining event.
    .find({ organization_id: { $nin: [null, ...orgIds] }, action: { $nin: ['org.delete', 'org.purge'] } })
    .toArray();
  for (const event of purgedTrail) problems.push(`audit event ${String(event._id)} of purged organization`);
  // A user in no organization is no inconsistency: a removed member keeps their account.
  return problems;
};

/** Order-independent fingerprint of a collection's documents: count plus a digest of each. */
export const collectionChecksum = async (db: Db, name: string): Promise<{ count: number; digest: string }> => {
  const digests = (await db.collection(name).find({}).toArray())
    .map((doc) => createHash('sha256').update(JSON.stringify(doc)).digest('hex'))
    .sort();
  return { count: digests.length, digest: createHash('sha256').update(digests.join('')).digest('hex') };
};
