import { isAppError } from '../errors.js';
import { findOwner, type FindOwnerDeps } from '../members/find-owner.js';
import type { Clock } from '../time.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { resolveOldName, type OldNameRepository } from './old-names.js';
import { normalizeOrgName } from './org-name.js';
import { toOrganizationView, type Organization, type OrganizationView } from './organization.js';
import type { OrganizationRepository } from './ports.js';
import { assertNotSuspended, isVisible } from './visibility.js';

export type GetOrganizationDeps = FindOrganizationDeps &
  FindOwnerDeps & {
    organizations: Pick<OrganizationRepository, 'findById'>;
    oldNames: Pick<OldNameRepository, 'findBySlug'>;
    clock: Clock;
  };

/** By its current name, or by an old name still held after a rename (then `renamedFrom` says so). */
export const getOrganization = async (
  deps: GetOrganizationDeps,
  organizationName: string,
): Promise<OrganizationView> => {
  const { organization, renamedFrom } = await findCurrentOrFormer(deps, organizationName);
  const view = toOrganizationView(organization, await findOwner(deps, organization));
  return renamedFrom === undefined ? view : { ...view, renamedFrom };
};

const findCurrentOrFormer = async (
  deps: GetOrganizationDeps,
  organizationName: string,
): Promise<{ organization: Organization; renamedFrom?: string }> => {
  try {
    return { organization: await findActiveOrganization(deps, organizationName) };
  } catch (error) {
    if (!(isAppError(error) && error.code === 'ORG_NOT_FOUND')) throw error;
    // Only a miss pays for the second lookup.
    const { slug } = normalizeOrgName(organizationName, { databaseName: deps.tenantDatabaseName });
    const held = await resolveOldName(deps, slug, deps.clock.now());
    const organization = held && (await deps.organizations.findById(held.organizationId));
    assertNotSuspended(organization);
    if (!held || !isVisible(organization)) throw error;
    return { organization, renamedFrom: held.name };
  }
};
