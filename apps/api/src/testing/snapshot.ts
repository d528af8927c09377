import { createHash } from 'node:crypto';

import type { Db } from 'mongodb';

/**
 * A digest of everything stored except the audit trail, which attacks are meant to
 * grow: equal digests before and after an attack mean it changed nothing.
 */
export const snapshotData = async (db: Db): Promise<string> => {
  const hash = createHash('sha256');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => name !== 'audit_events')
    .sort();
  for (const name of names) {
    hash.update(`#${name}\n`);
    for (const doc of await db.collection(name).find({}).sort({ _id: 1 }).toArray()) hash.update(JSON.stringify(doc));
  }
  return hash.digest('hex');
};
