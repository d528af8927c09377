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
  'admin.revokeSession',
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
  'apiKey.create',
  'apiKey.revoke',
  'apiKey.rotate',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.rotateSecret',
  'webhook.resend',
  'webhook.test',
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
  /** Set when an API key acted (then `actorAdminId` is null); absent on older events. */
  actorApiKeyId?: string | null;
  /** Whom a membership, role, invitation or ownership change was about (a user id or an invited email), or the session signed out. */
  subject?: string | null;
  ip: string | null;
  requestId: string | null;
};

export type AuditPage = { events: AuditEvent[]; nextCursor: string | null };

/** Narrows an organization's trail; every field is optional and they combine (AND). */
export type AuditFilter = {
  action?: AuditAction | undefined;
  outcome?: AuditEvent['outcome'] | undefined;
  actorAdminId?: string | undefined;
  /** Events at or after this instant. */
  from?: Date | undefined;
  /** Events before this instant (exclusive, so consecutive ranges never overlap). */
  to?: Date | undefined;
};

/** Ids that sort by time (ISO timestamp first), so pages are ordered by `_id` alone. */
export const newAuditEventId = (at: Date): string => `${at.toISOString()}-${crypto.randomUUID().slice(0, 13)}`;
