import type { AuditEvent, AuditFilter, AuditPage } from './audit-event.js';

/** The append-only audit trail. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Newest first; `cursor` is the `nextCursor` of the previous page (of the same filter). */
  listForOrganization(
    organizationId: string,
    options: { limit: number; cursor?: string | undefined; filter?: AuditFilter | undefined },
  ): Promise<AuditPage>;
  /** A purge removes the organization's events with its data (idempotent). */
  deleteByOrganization(organizationId: string): Promise<void>;
}
