import type { Organization } from '../tenancy/organization.js';

export type ImportReport = { documents: number };

/**
 * An organization as an archive of NDJSON lines in canonical Extended JSON v2: a header,
 * the organization's record, its members (user id, email, display name, role; never a
 * password hash), its invitations (never a token hash), its audit events, then
 * every document of its tenant collection. Both directions stream: neither holds the
 * tenant in memory.
 */
export interface OrganizationArchive {
  exportLines(organization: Organization): AsyncIterable<string>;
  /** True when the organization's tenant collection holds no document. */
  isTenantEmpty(organization: Organization): Promise<boolean>;
  /**
   * Writes the tenant documents of an archive into `target`'s collection, as they were
   * (same `_id`s, same BSON types). A malformed line is a VALIDATION_FAILED naming it.
   */
  importLines(target: Organization, lines: AsyncIterable<string>): Promise<ImportReport>;
}
