import { AppError } from '../errors.js';
import type { AdminRepository } from '../auth/ports.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { toOrganizationView, type OrganizationView } from './organization.js';

export type GetOrganizationDeps = FindOrganizationDeps & { admins: Pick<AdminRepository, 'findById'> };

export const getOrganization = async (
  deps: GetOrganizationDeps,
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
