export type AuditAction =
  | 'org.create'
  | 'org.update'
  | 'org.delete'
  | 'org.restore'
  | 'org.purge'
  | 'admin.login'
  | 'admin.refresh'
  | 'admin.logout'
  | 'admin.logoutAll';

export type AuditEvent = {
  id: string;
  at: Date;
  action: AuditAction;
  outcome: 'success' | 'failure';
  /** The domain error code of a failure. */
  reason: string | null;
  organizationId: string | null;
  actorAdminId: string | null;
  ip: string | null;
  requestId: string | null;
};

export type AuditPage = { events: AuditEvent[]; nextCursor: string | null };

/** Ids that sort by time (ISO timestamp first), so pages are ordered by `_id` alone. */
export const newAuditEventId = (at: Date): string => `${at.toISOString()}-${crypto.randomUUID().slice(0, 13)}`;
