import { AppError, isAppError, looksLikeApiKey } from '@orgsphere/core';
import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';

import { ZodError } from 'zod';

import type { Context } from './context.js';
import type { RouteMeta } from './meta.js';
import { auditEventFor, idsFrom, type AuditedCaller } from './audit-trail.js';
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

const keyNotAllowed = (apiKeyId?: string) => {
  const message = 'API keys cannot call this: it is for signed-in people only';
  return new TRPCError({
    code: 'FORBIDDEN',
    message,
    cause: new AppError('API_KEY_NOT_ALLOWED', message, apiKeyId ? { apiKeyId } : {}),
  });
};

/**
 * Restore, purge and the operator's calls rest on a person's own proof; a key presented
 * to them is refused by its prefix alone, whatever state the key or its organization is in.
 */
const refuseApiKey = (ctx: Context): void => {
  if (ctx.token && looksLikeApiKey(ctx.token)) throw keyNotAllowed();
};

type Outcome<T> = { result: T } | { error: TRPCError };

/**
 * Requires a valid access token or API key: the authenticated member (or key), or an
 * UNAUTHORIZED error. A key is refused (403) by any procedure whose meta does not allow keys.
 */
const authenticateAdmin = async (ctx: Context, meta: RouteMeta | undefined) => {
  if (!ctx.token) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Missing bearer token: send Authorization: Bearer <access_token or API key>',
      cause: new AppError('UNAUTHENTICATED', 'Missing bearer token'),
    });
  }
  const admin = await ctx.domain.authenticate(ctx.token).catch((error: unknown) => {
    throw toTRPCError(error) ?? error;
  });
  ctx.telemetry?.identify({ organizationId: admin.organizationId, adminId: admin.adminId });
  if (admin.apiKey && meta?.apiKeys !== 'allowed') throw keyNotAllowed(admin.apiKey.id);
  return admin;
};

/**
 * What every procedure gets around its resolver, as one middleware level: tRPC
 * copies its whole options object at each level, which was the largest cost of a
 * cached read. Outermost first:
 * - observe: latency per procedure under its final result code, the trace span,
 *   and the ids for the request's log line;
 * - domain errors: in v11 `next()` does not throw, so a failed resolver's domain
 *   error is translated here from the result;
 * - the audit event of procedures whose meta names an action (after authentication,
 *   for admin procedures). A failed audit write is logged, not turned into a failed
 *   request: the change itself is done.
 */
const aroundProcedure = async <T extends { ok: true; data: unknown } | { ok: false; error: TRPCError }>(
  ctx: Context & { admin?: AuditedCaller | undefined },
  meta: RouteMeta | undefined,
  call: { path: string; type: string },
  resolve: () => Promise<{ result: T; ctx: typeof ctx }>,
  getRawInput: () => Promise<unknown>,
): Promise<T> => {
  const settle = async (): Promise<T> => {
    const { result, ctx: resolvedCtx } = await resolve();
    if (meta?.audit) {
      const event = auditEventFor(
        meta.audit,
        resolvedCtx,
        result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error },
        await getRawInput().catch(() => undefined),
      );
      await ctx.domain.recordAudit(event).catch((error: unknown) => ctx.reportError(error, 'audit event not recorded'));
    }
    if (!result.ok) {
      const translated = toTRPCError(result.error.cause);
      if (translated) throw translated;
    }
    return result;
  };
  const telemetry = ctx.telemetry;
  if (!telemetry) return settle();
  const outcome = await telemetry.procedure<Outcome<T>>(
    call,
    () =>
      settle().then(
        (result) => ({ result }),
        (error: unknown) => ({ error: getTRPCErrorFromUnknown(error) }),
      ),
    (settled) => ('error' in settled ? settled.error.code : settled.result.ok ? 'OK' : settled.result.error.code),
  );
  const cause = 'error' in outcome ? outcome.error.cause : outcome.result.ok ? undefined : outcome.result.error.cause;
  const ids = idsFrom(
    'result' in outcome && outcome.result.ok ? outcome.result.data : isAppError(cause) ? cause.details : null,
  );
  // As the audit trail does; a public read's admin_id names the organization's admin, not the caller.
  telemetry.identify({ organizationId: ids.organizationId, adminId: meta?.audit ? ids.actorAdminId : null });
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
};

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(({ ctx, meta, path, type, next, getRawInput }) =>
  aroundProcedure(
    ctx,
    meta,
    { path, type },
    async () => {
      if (meta?.apiKeys === 'refused') refuseApiKey(ctx);
      return { result: await next(), ctx };
    },
    getRawInput,
  ),
);

/** Requires a valid operator token (operator.login); narrows the context to the operator. */
export const operatorProcedure = t.procedure.use(({ ctx, meta, path, type, next, getRawInput }) =>
  aroundProcedure(
    ctx,
    meta,
    { path, type },
    async () => {
      if (!ctx.token) {
        throw new TRPCError({
          code: 'UNAUTHORIZED',
          message: 'Missing bearer token: send Authorization: Bearer <operator access_token>',
          cause: new AppError('UNAUTHENTICATED', 'Missing bearer token'),
        });
      }
      // Operators are people configured on the platform; no organization's key speaks for one.
      refuseApiKey(ctx);
      const operator = await ctx.domain.authenticateOperator(ctx.token).catch((error: unknown) => {
        throw toTRPCError(error) ?? error;
      });
      const operatorCtx = { ...ctx, operator };
      return { result: await next({ ctx: operatorCtx }), ctx: operatorCtx };
    },
    getRawInput,
  ),
);

/**
 * Requires a valid access token of a member of its active organization; narrows the
 * context to the authenticated user (`ctx.admin`, with their current role there).
 */
export const adminProcedure = t.procedure.use(({ ctx, meta, path, type, next, getRawInput }) =>
  aroundProcedure(
    ctx,
    meta,
    { path, type },
    async () => {
      // Refused before the audit trail, as before: an anonymous call names nobody to audit.
      const admin = await authenticateAdmin(ctx, meta);
      const adminCtx = { ...ctx, admin };
      return { result: await next({ ctx: adminCtx }), ctx: adminCtx };
    },
    getRawInput,
  ),
);

/** Alias that says what it is now: any member may call it; the domain checks the role. */
export const memberProcedure = adminProcedure;
