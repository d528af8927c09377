import type { Db } from 'mongodb';

import { adminEmailLinks } from './admins-repository.js';
import { adminsCollection, organizationsCollection } from './collections.js';
import { organizationSlugLinks } from './organizations-repository.js';

/**
 * Links every slug and email that lacks a link, and removes links nothing holds:
 * data from before links existed, or from a process that died between a write and
 * its link. Run at start-up; safe while other instances write.
 */
export const repairKeyLinks = async (db: Db) => {
  const organizations = await organizationsCollection(db).find({}, { projection: { slug: 1 } }).toArray();
  const admins = await adminsCollection(db).find({}, { projection: { email: 1 } }).toArray();
  return {
    slugs: await organizationSlugLinks(db).repair(new Map(organizations.map((doc) => [doc.slug, doc._id]))),
    emails: await adminEmailLinks(db).repair(new Map(admins.map((doc) => [doc.email, doc._id]))),
  };
};
