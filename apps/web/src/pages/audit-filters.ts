import type { AuditAction, OrgSphereInputs } from '@orgsphere/client';

/** Every action of the trail; `satisfies` makes the build fail when the API adds one. */
const actionNames = {
  'org.create': true,
  'org.update': true,
  'org.delete': true,
  'org.restore': true,
  'org.purge': true,
  'admin.login': true,
  'admin.refresh': true,
  'admin.logout': true,
  'admin.logoutAll': true,
  'admin.revokeSession': true,
  'admin.changePassword': true,
  'admin.switchOrganization': true,
  'member.changeRole': true,
  'member.remove': true,
  'member.leave': true,
  'member.transferOwnership': true,
  'invitation.create': true,
  'invitation.revoke': true,
  'invitation.resend': true,
  'invitation.accept': true,
  'apiKey.create': true,
  'apiKey.revoke': true,
  'apiKey.rotate': true,
  'webhook.create': true,
  'webhook.update': true,
  'webhook.delete': true,
  'webhook.rotateSecret': true,
  'webhook.resend': true,
  'webhook.test': true,
} satisfies Record<AuditAction, true>;

export const auditActionOptions = Object.keys(actionNames).sort() as AuditAction[];

/** The filter form as typed: empty strings mean "any"; dates are the `<input type=date>` values. */
export type AuditFilterForm = { action: string; outcome: string; actor: string; fromDay: string; toDay: string };

export const noAuditFilter: AuditFilterForm = { action: '', outcome: '', actor: '', fromDay: '', toDay: '' };

type AuditFilterInput = Pick<
  OrgSphereInputs['org']['auditLog'],
  'action' | 'outcome' | 'actor_admin_id' | 'from' | 'to'
>;

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as an ISO instant. */
const startOfDay = (day: string, days = 0): string => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days).toISOString();
};

/**
 * The API's filter for the form: days are the reader's local days, and the "to" day is
 * included (the API's `to` is exclusive, so it is the next day's midnight).
 */
export const auditFilterInput = (form: AuditFilterForm): AuditFilterInput => ({
  ...(form.action ? { action: form.action as AuditAction } : {}),
  ...(form.outcome === 'success' || form.outcome === 'failure' ? { outcome: form.outcome } : {}),
  ...(form.actor ? { actor_admin_id: form.actor } : {}),
  ...(form.fromDay ? { from: startOfDay(form.fromDay) } : {}),
  ...(form.toDay ? { to: startOfDay(form.toDay, 1) } : {}),
});
