import { describe, expect, it } from 'vitest';

import type { Organization } from '../tenancy/organization.js';
import { assertCan } from './authorize.js';

const organization: Organization = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  collectionName: 'org_acme',
  adminId: 'admin-1',
  state: 'active',
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe('assertCan', () => {
  it('lets an owner manage their own organization', () => {
    expect(() =>
      assertCan(
        { adminId: 'admin-1', organizationId: 'org-1', sessionId: 's-1', role: 'owner' },
        organization,
        'org.delete',
      ),
    ).not.toThrow();
  });

  it('refuses a role without the permission with FORBIDDEN', () => {
    expect(() =>
      assertCan(
        { adminId: 'u-2', organizationId: 'org-1', sessionId: 's-2', role: 'admin' },
        organization,
        'org.delete',
      ),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('decides by active organization, not by a matching user id', () => {
    expect(() =>
      assertCan(
        { adminId: 'admin-1', organizationId: 'org-2', sessionId: 's-3', role: 'owner' },
        organization,
        'org.read',
      ),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
