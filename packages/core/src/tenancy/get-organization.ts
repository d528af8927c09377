import { findOwner, type FindOwnerDeps } from '../members/find-owner.js';
import { findActiveOrganization, type FindOrganizationDeps } from './find-organization.js';
import { toOrganizationView, type OrganizationView } from './organization.js';

export type GetOrganizationDeps = FindOrganizationDeps & FindOwnerDeps;

export const getOrganization = async (
  deps: GetOrganizationDeps,
  organizationName: string,
): Promise<OrganizationView> => {
  const organization = await findActiveOrganization(deps, organizationName);
  return toOrganizationView(organization, await findOwner(deps, organization));
};
