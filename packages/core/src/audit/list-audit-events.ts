import { assertCan } from '../auth/authorize.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { findActiveOrganization, type FindOrganizationDeps } from '../tenancy/find-organization.js';
import { AppError } from '../errors.js';
import type { AuditFilter, AuditPage } from './audit-event.js';
import type { AuditLog } from './ports.js';

export const auditPageLimits = { default: 50, max: 200 } as const;

/** An organization's own audit trail, for its owners and admins; newest first, optionally filtered. */
export const listAuditEvents = async (
  deps: FindOrganizationDeps & { audit: Pick<AuditLog, 'listForOrganization'> },
  principal: AdminPrincipal,
  input: {
    organizationName: string;
    limit?: number | undefined;
    cursor?: string | undefined;
    filter?: AuditFilter | undefined;
  },
): Promise<AuditPage> => {
  const { from, to } = input.filter ?? {};
  if (from && to && from.getTime() >= to.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'The end of the range (to) must be later than its start (from)', {
      field: 'to',
    });
  }
  const organization = await findActiveOrganization(deps, input.organizationName);
  assertCan(principal, organization, 'audit.read');
  const limit = Math.min(Math.max(input.limit ?? auditPageLimits.default, 1), auditPageLimits.max);
  return deps.audit.listForOrganization(organization.id, { limit, cursor: input.cursor, filter: input.filter });
};
