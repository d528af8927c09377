import { AppError } from '../errors.js';
import type { DomainDeps } from '../services.js';
import { findActiveOrganization } from './find-organization.js';
import { toOrganizationView, type OrganizationView } from './organization.js';

export const getOrganization = async (
  deps: Pick<DomainDeps, 'organizations' | 'admins' | 'tenantDatabaseName'>,
  organizationName: string,
): Promise<OrganizationView> => {
  const organization = await findActiveOrganization(deps, organizationName);
  const admin = await deps.admins.findById(organization.adminId);
  if (!admin) {
    throw new AppError('ORG_NOT_FOUND', `Organization "${organization.name}" was not found`, {
      field: 'organization_name',
    });
  }
  return toOrganizationView(organization, admin);
};
