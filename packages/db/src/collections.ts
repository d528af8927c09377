import type { Db } from 'mongodb';

/** Names of the master database's own collections (tenants use `org_<slug>`). */
export const masterCollections = {
  organizations: 'organizations',
  admins: 'admins',
  leases: 'leases',
} as const;

export type OrganizationDocument = {
  _id: string;
  name: string;
  slug: string;
  collection_name: string;
  admin_id: string;
  state: 'provisioning' | 'active' | 'renaming' | 'deleting';
  version: number;
  renamed_from?: { name: string; slug: string; collection_name: string } | null;
  created_at: Date;
  updated_at: Date;
};

export type AdminDocument = {
  _id: string;
  email: string;
  password_hash: string;
  organization_id: string;
  created_at: Date;
  updated_at: Date;
};

export const organizationsCollection = (db: Db) =>
  db.collection<OrganizationDocument>(masterCollections.organizations);

export const adminsCollection = (db: Db) => db.collection<AdminDocument>(masterCollections.admins);

export type LeaseDocument = { _id: string; holder: string; expires_at: Date };

export const leasesCollection = (db: Db) => db.collection<LeaseDocument>(masterCollections.leases);
