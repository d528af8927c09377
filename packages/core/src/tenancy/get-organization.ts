import type { AdminRepository } from '../auth/ports.js';
import { AppError, isAppError } from '../errors.js';
import type { Clock } from '../time.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { resolveOldName, type OldNameRepository } from './old-names.js';
import { normalizeOrgName } from './org-name.js';
import { toOrganizationView, type Organization, type OrganizationView } from './organization.js';
import type { OrganizationRepository } from './ports.js';
import { assertNotSuspended, isVisible } from './visibility.js';

export type GetOrganizationDeps = FindOrganizationDeps & {
  organizations: Pick<OrganizationRepository, 'findById'>;
  admins: Pick<AdminRepository, 'findById'>;
  oldNames: Pick<OldNameRepository, 'findBySlug'>;
  clock: Clock;
};

/** By its current name, or by an old name still held after a rename (then `renamedFrom` says so). */
export const getOrganization = async (
  deps: GetOrganizationDeps,
  organizationName: string,
): Promise<OrganizationView> => {
  const { organization, renamedFrom } = await findCurrentOrFormer(deps, organizationName);
  const admin = await deps.admins.findById(organization.adminId);
  if (!admin) {
    throw new AppError('ORG_NOT_FOUND', `Organization "${organization.name}" was not found`, {
      field: 'organization_name',
    });
  }
  const view = toOrganizationView(organization, admin);
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
