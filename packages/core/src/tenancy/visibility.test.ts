import { describe, expect, it } from 'vitest';

import type { Organization, OrganizationState } from './organization.js';
import { acceptsChanges, isVisible } from './visibility.js';

const inState = (state: OrganizationState): Organization => ({
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  collectionName: 'org_acme',
  adminId: 'admin-1',
  state,
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe('organization visibility', () => {
  it('hides an organization being created, deleted or soft-deleted, shows an active or renaming one', () => {
    expect(isVisible(null)).toBe(false);
    expect(isVisible(inState('provisioning'))).toBe(false);
    expect(isVisible(inState('deleting'))).toBe(false);
    expect(isVisible(inState('deleted'))).toBe(false);
    expect(isVisible(inState('suspended'))).toBe(false);
    expect(isVisible(inState('active'))).toBe(true);
    expect(isVisible(inState('renaming'))).toBe(true);
  });

  it('lets only a settled organization take a change', () => {
    expect(acceptsChanges(inState('active'))).toBe(true);
    for (const state of ['provisioning', 'renaming', 'deleting', 'deleted', 'suspended'] as const)
      expect(acceptsChanges(inState(state))).toBe(false);
  });
});
