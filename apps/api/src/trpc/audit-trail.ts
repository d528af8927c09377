import { isAppError, newAuditEventId, type AuditAction, type AuditEvent } from '@orgsphere/core';
import type { TRPCError } from '@trpc/server';

import type { Context } from './context.js';

/** Who acted: a person, or an API key (then `adminId` is the key's id and names no user). */
export type AuditedCaller = { adminId: string; organizationId: string; apiKey?: { id: string } | undefined };

type Ids = { organizationId: string | null; actorAdminId: string | null; subject: string | null };

/** Organization and admin ids found in a result or an error's details (snake or camel case). */
export const idsFrom = (value: unknown): Ids => {
  const record = (value ?? {}) as Record<string, unknown>;
  const text = (key: string) => {
    const value = record[key];
    return typeof value === 'string' ? value : null;
  };
  return {
    organizationId: text('organization_id') ?? text('organizationId'),
    actorAdminId: text('admin_id') ?? text('adminId'),
    subject:
      text('user_id') ??
      text('userId') ??
      text('email') ??
      text('api_key_id') ??
      text('session_id') ??
      text('endpoint_id'),
  };
};

/**
 * Builds the audit event of one call: who (the authenticated admin, or the ids in
 * the result or in the error's details), which organization, what, and how it ended.
 */
export const auditEventFor = (
  action: AuditAction,
  ctx: Context & { admin?: AuditedCaller | undefined },
  outcome: { ok: true; data: unknown } | { ok: false; error: TRPCError },
  input?: unknown,
): AuditEvent => {
  const at = new Date();
  const cause = outcome.ok ? undefined : outcome.error.cause;
  const fromOutcome = outcome.ok ? idsFrom(outcome.data) : idsFrom(isAppError(cause) ? cause.details : null);
  return {
    id: newAuditEventId(at),
    at,
    action,
    outcome: outcome.ok ? 'success' : 'failure',
    reason: outcome.ok ? null : isAppError(cause) ? cause.code : outcome.error.code,
    organizationId: ctx.admin?.organizationId ?? fromOutcome.organizationId,
    actorAdminId: ctx.admin ? (ctx.admin.apiKey ? null : ctx.admin.adminId) : fromOutcome.actorAdminId,
    actorApiKeyId: ctx.admin?.apiKey?.id ?? null,
    // The member acted on: named by the input (a failed change has no result to name it).
    subject: idsFrom(input).subject ?? fromOutcome.subject,
    ip: ctx.client.ip ?? null,
    requestId: ctx.requestId,
  };
};
