import { AppError, isAppError } from '@orgsphere/core';
import { initTRPC, TRPCError } from '@trpc/server';

import { ZodError } from 'zod';

import type { Context } from './context.js';
import type { RouteMeta } from './meta.js';
import { auditEventFor, idsFrom } from './audit-trail.js';
import { toTRPCError } from './errors.js';
import { describeZodError } from './zod-issues.js';

const t = initTRPC
  .context<Context>()
  .meta<RouteMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zodError = cause instanceof ZodError ? cause : undefined;
      const appError = isAppError(cause) ? cause : undefined;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        // Never leak internals; validation errors say which field is wrong.
        message: internal ? 'Internal server error' : zodError ? describeZodError(zodError) : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appError?.code ?? (zodError ? 'VALIDATION_FAILED' : null),
          field: appError?.details.field ?? zodError?.issues[0]?.path.join('.') ?? null,
          issues: zodError?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) ?? null,
        },
      };
    },
  });

/**
 * In v11 `next()` does not throw: a failed resolver comes back as `{ ok: false }`,
 * so domain errors are translated here from the result, once for every procedure.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const translated = toTRPCError(result.error.cause);
    if (translated) throw translated;
  }
  return result;
});

/**
 * Writes the audit event of procedures whose meta names an action. A failed audit
 * write is logged, not turned into a failed request: the change itself is done.
 */
const auditTrail = t.middleware(async ({ ctx, meta, next }) => {
  const result = await next();
  if (meta?.audit) {
    const event = auditEventFor(meta.audit, ctx, result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error });
    await ctx.domain.recordAudit(event).catch((error: unknown) => ctx.reportError(error, 'audit event not recorded'));
  }
  return result;
});

/**
 * Outermost, so it sees the final result code (after domain errors are translated):
 * latency per procedure, the procedure's trace span, and the ids for the log line.
 */
const observe = t.middleware(async ({ ctx, meta, path, type, next }) => {
  const telemetry = ctx.telemetry;
  if (!telemetry) return next();
  const result = await telemetry.procedure({ path, type }, () => next(), (outcome) => (outcome.ok ? 'OK' : outcome.error.code));
  const cause = result.ok ? undefined : result.error.cause;
  const ids = idsFrom(result.ok ? result.data : isAppError(cause) ? cause.details : null);
  // As the audit trail does; a public read's admin_id names the organization's admin, not the caller.
  telemetry.identify({ organizationId: ids.organizationId, adminId: meta?.audit ? ids.actorAdminId : null });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(observe).use(domainErrors).use(auditTrail);

/** Requires a valid admin token; narrows the context to the authenticated admin. */
export const adminProcedure = t.procedure.use(observe).use(domainErrors).use(async ({ ctx, next }) => {
  if (!ctx.token) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Missing bearer token: send Authorization: Bearer <access_token>',
      cause: new AppError('UNAUTHENTICATED', 'Missing bearer token'),
    });
  }
  const admin = await ctx.domain.authenticate(ctx.token).catch((error: unknown) => {
    throw toTRPCError(error) ?? error;
  });
  ctx.telemetry?.identify({ organizationId: admin.organizationId, adminId: admin.adminId });
  return next({ ctx: { ...ctx, admin } });
}).use(auditTrail);
