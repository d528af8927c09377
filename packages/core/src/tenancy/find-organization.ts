import { AppError } from '../errors.js';
import type { DomainDeps } from '../services.js';
import { normalizeOrgName } from './org-name.js';
import type { Organization } from './organization.js';

/** Resolves a user-supplied name to the active organization it denotes, or 404. */
export const findActiveOrganization = async (
  deps: Pick<DomainDeps, 'organizations' | 'tenantDatabaseName'>,
  rawName: string,
  field = 'organization_name',
): Promise<Organization> => {
  const { slug, name } = normalizeOrgName(rawName, { databaseName: deps.tenantDatabaseName, field });
  const organization = await deps.organizations.findBySlug(slug);
  // An organization mid-creation or mid-deletion does not exist yet, or any more, for readers.
  if (!organization || organization.state === 'provisioning' || organization.state === 'deleting') {
    throw new AppError('ORG_NOT_FOUND', `Organization "${name}" was not found`, { field });
  }
  return organization;
};
