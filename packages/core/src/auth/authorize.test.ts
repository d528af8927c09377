import { describe, expect, it } from 'vitest';

import type { Organization } from '../tenancy/organization.js';
import { assertCanManage } from './authorize.js';

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

describe('assertCanManage', () => {
  it('lets an admin manage their own organization', () => {
    expect(() =>
      assertCanManage({ adminId: 'admin-1', organizationId: 'org-1', sessionId: 's-1' }, organization),
    ).not.toThrow();
  });

  it("refuses another organization's admin with FORBIDDEN", () => {
    expect(() =>
      assertCanManage({ adminId: 'admin-2', organizationId: 'org-2', sessionId: 's-2' }, organization),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('decides by organization, not by a matching admin id', () => {
    expect(() =>
      assertCanManage({ adminId: 'admin-1', organizationId: 'org-2', sessionId: 's-3' }, organization),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
