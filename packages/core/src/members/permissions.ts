import { AppError } from '../errors.js';
import type { Role } from './role.js';

/** Everything a role may be allowed to do in its organization. */
export const permissions = [
  'org.read',
  'members.read',
  'members.invite',
  'members.remove',
  'members.changeRole',
  'audit.read',
  'apiKeys.manage',
  'webhooks.manage',
  'org.rename',
  'org.settings',
  'org.delete',
  'org.export',
  'org.import',
  'owners.manage',
] as const;

export type Permission = (typeof permissions)[number];

const memberPermissions: readonly Permission[] = ['org.read', 'members.read'];
const adminPermissions: readonly Permission[] = [
  ...memberPermissions,
  'members.invite',
  'members.remove',
  'members.changeRole',
  'audit.read',
  'apiKeys.manage',
  'webhooks.manage',
];
const ownerPermissions: readonly Permission[] = [
  ...adminPermissions,
  'org.rename',
  'org.settings',
  // Soft delete, restore (with an owner's own login) and purge.
  'org.delete',
  // The whole organization out (members, audit trail, every document), or documents in.
  'org.export',
  'org.import',
  'owners.manage',
];

/** The one permission table: every check in the domain (and the permission-matrix test) reads it. */
export const permissionTable: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  member: new Set(memberPermissions),
  admin: new Set(adminPermissions),
  owner: new Set(ownerPermissions),
};

export const roleCan = (role: Role, permission: Permission): boolean => permissionTable[role].has(permission);

export const assertRoleCan = (role: Role, permission: Permission): void => {
  if (!roleCan(role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${role}) does not allow ${permission} in this organization`, {
      permission,
    });
  }
};
