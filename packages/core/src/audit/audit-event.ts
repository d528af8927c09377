/** Every action the audit trail records (a runtime list, so output schemas can name them). */
export const auditActions = [
  'org.create',
  'org.update',
  'org.delete',
  'org.restore',
  'org.purge',
  'admin.login',
  'admin.refresh',
  'admin.logout',
  'admin.logoutAll',
  'admin.changePassword',
  'admin.switchOrganization',
  'member.changeRole',
  'member.remove',
  'member.leave',
  'member.transferOwnership',
  'invitation.create',
  'invitation.revoke',
  'invitation.resend',
  'invitation.accept',
] as const;

export type AuditAction = (typeof auditActions)[number];

export type AuditEvent = {
  id: string;
  at: Date;
  action: AuditAction;
  outcome: 'success' | 'failure';
  /** The domain error code of a failure. */
  reason: string | null;
  organizationId: string | null;
  actorAdminId: string | null;
  /** Whom a membership, role, invitation or ownership change was about: a user id or an invited email. */
  subject?: string | null;
  ip: string | null;
  requestId: string | null;
};

export type AuditPage = { events: AuditEvent[]; nextCursor: string | null };

/** Ids that sort by time (ISO timestamp first), so pages are ordered by `_id` alone. */
export const newAuditEventId = (at: Date): string => `${at.toISOString()}-${crypto.randomUUID().slice(0, 13)}`;
