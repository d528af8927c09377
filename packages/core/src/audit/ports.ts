import type { AuditEvent, AuditPage } from './audit-event.js';

/** The append-only audit trail. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Newest first; `cursor` is the `nextCursor` of the previous page. */
  listForOrganization(
    organizationId: string,
    options: { limit: number; cursor?: string | undefined },
  ): Promise<AuditPage>;
  /** A purge removes the organization's events with its data (idempotent). */
  deleteByOrganization(organizationId: string): Promise<void>;
}
