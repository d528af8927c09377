import { describe, expect, it } from 'vitest';

import { auditActionOptions, auditFilterInput, noAuditFilter } from './audit-filters';

describe('the audit log filter form', () => {
  it('sends nothing for "any"', () => {
    expect(auditFilterInput(noAuditFilter)).toEqual({});
  });

  it('sends the chosen action, outcome and actor', () => {
    expect(
      auditFilterInput({ ...noAuditFilter, action: 'member.changeRole', outcome: 'failure', actor: 'user-1' }),
    ).toEqual({ action: 'member.changeRole', outcome: 'failure', actor_admin_id: 'user-1' });
  });

  it('turns local days into instants, including the whole "to" day', () => {
    const { from, to } = auditFilterInput({ ...noAuditFilter, fromDay: '2026-03-01', toDay: '2026-03-01' });
    expect(new Date(from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(to!).getTime()).toBe(new Date(2026, 2, 2).getTime());
    // Across a month's end.
    expect(new Date(auditFilterInput({ ...noAuditFilter, toDay: '2026-01-31' }).to!).getTime()).toBe(
      new Date(2026, 1, 1).getTime(),
    );
  });

  it('offers every action once', () => {
    expect(new Set(auditActionOptions).size).toBe(auditActionOptions.length);
    expect(auditActionOptions).toContain('admin.revokeSession');
  });
});
