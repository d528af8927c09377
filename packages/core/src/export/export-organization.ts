import { assertCan } from '../auth/authorize.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { organizationBusy } from '../tenancy/conflicts.js';
import { findActiveOrganization, type FindOrganizationDeps } from '../tenancy/find-organization.js';
import { acceptsChanges } from '../tenancy/visibility.js';
import type { ImportReport, OrganizationArchive } from './ports.js';

export type OrganizationArchiveDeps = FindOrganizationDeps & { archives: OrganizationArchive };

/** The owner's archive of the organization, as a stream of NDJSON lines. */
export const exportOrganization = async (
  deps: OrganizationArchiveDeps,
  principal: AdminPrincipal,
  organizationName: string,
): Promise<{ name: string; slug: string; lines: AsyncIterable<string> }> => {
  const organization = await findActiveOrganization(deps, organizationName);
  assertCan(principal, organization, 'org.export');
  return { name: organization.name, slug: organization.slug, lines: deps.archives.exportLines(organization) };
};

/**
 * Restores an archive's tenant documents into the owner's organization, which must hold
 * none yet: an import never merges into existing data.
 */
export const importOrganization = async (
  deps: OrganizationArchiveDeps,
  principal: AdminPrincipal,
  organizationName: string,
  lines: AsyncIterable<string>,
): Promise<ImportReport> => {
  const organization = await findActiveOrganization(deps, organizationName);
  assertCan(principal, organization, 'org.import');
  if (!acceptsChanges(organization)) throw organizationBusy(organization.name);
  if (!(await deps.archives.isTenantEmpty(organization))) {
    throw new AppError(
      'ORG_NOT_EMPTY',
      `Organization "${organization.name}" already holds data; import only into an empty organization`,
      { field: 'organization_name' },
    );
  }
  return deps.archives.importLines(organization, lines);
};
