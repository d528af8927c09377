import { AppError } from '../errors.js';
import { normalizeOrgName } from './org-name.js';
import type { Organization } from './organization.js';
import type { OrganizationRepository } from './ports.js';
import { assertNotSuspended, isVisible } from './visibility.js';

export type FindOrganizationDeps = {
  organizations: Pick<OrganizationRepository, 'findBySlug'>;
  /** Database holding the tenant collections; bounds the namespace length of names. */
  tenantDatabaseName: string;
};

/** Resolves a user-supplied name to the visible organization it denotes, or 404. */
export const findActiveOrganization = async (
  deps: FindOrganizationDeps,
  rawName: string,
  field = 'organization_name',
): Promise<Organization> => {
  const { slug, name } = normalizeOrgName(rawName, { databaseName: deps.tenantDatabaseName, field });
  const organization = await deps.organizations.findBySlug(slug);
  assertNotSuspended(organization);
  if (!isVisible(organization)) {
    throw new AppError('ORG_NOT_FOUND', `Organization "${name}" was not found`, { field });
  }
  return organization;
};
