import { describe, expect, it } from 'vitest';

import { permissions, permissionTable, roleCan } from './permissions.js';
import { roles } from './role.js';

describe('the permission table', () => {
  it('grants each role everything the weaker roles have', () => {
    for (const permission of permissions) {
      if (roleCan('member', permission)) expect(roleCan('admin', permission)).toBe(true);
      if (roleCan('admin', permission)) expect(roleCan('owner', permission)).toBe(true);
    }
  });

  it('keeps deleting, exporting, importing, renaming and owner management for owners alone', () => {
    for (const permission of [
      'org.delete',
      'org.export',
      'org.import',
      'org.rename',
      'org.settings',
      'owners.manage',
    ] as const) {
      expect(roles.filter((role) => roleCan(role, permission))).toEqual(['owner']);
    }
  });

  it('names only known permissions', () => {
    for (const role of roles) for (const permission of permissionTable[role]) expect(permissions).toContain(permission);
  });
});
