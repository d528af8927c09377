import { isAppError, type AppErrorCode } from '@orgsphere/core';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** The one place domain codes meet transport codes; a new code fails typecheck until mapped. */
export const trpcCodeFor = {
  VALIDATION_FAILED: 'BAD_REQUEST',
  ORG_NAME_INVALID: 'BAD_REQUEST',
  PASSWORD_POLICY: 'BAD_REQUEST',
  // Not 401: the caller's token is fine, and a 401 would send clients to refresh it.
  CURRENT_PASSWORD_WRONG: 'BAD_REQUEST',
  ORG_NAME_TAKEN: 'CONFLICT',
  EMAIL_TAKEN: 'CONFLICT',
  ORG_BUSY: 'CONFLICT',
  ORG_SUSPENDED: 'FORBIDDEN',
  ORG_NOT_EMPTY: 'CONFLICT',
  ORG_NOT_FOUND: 'NOT_FOUND',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  TOKEN_INVALID: 'UNAUTHORIZED',
  TOKEN_EXPIRED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  SESSION_REVOKED: 'UNAUTHORIZED',
  REFRESH_TOKEN_INVALID: 'UNAUTHORIZED',
  REFRESH_TOKEN_REUSED: 'UNAUTHORIZED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  STORAGE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  MEMBER_NOT_FOUND: 'NOT_FOUND',
  MEMBER_EXISTS: 'CONFLICT',
  MEMBERSHIP_CHANGED: 'CONFLICT',
  LAST_OWNER: 'CONFLICT',
  LIMIT_REACHED: 'CONFLICT',
  INVITATION_INVALID: 'NOT_FOUND',
  INVITATION_EXPIRED: 'CONFLICT',
  INVITATION_REVOKED: 'CONFLICT',
  INVITATION_ALREADY_ACCEPTED: 'CONFLICT',
  INVITATION_EMAIL_MISMATCH: 'FORBIDDEN',
  INVITATION_NOT_FOUND: 'NOT_FOUND',
  DELIVERY_FAILED: 'BAD_GATEWAY',
} as const satisfies Record<AppErrorCode, TRPC_ERROR_CODE_KEY>;

/** Domain errors become TRPCErrors that keep the AppError as their cause. */
export const toTRPCError = (error: unknown): TRPCError | undefined =>
  isAppError(error)
    ? new TRPCError({ code: trpcCodeFor[error.code], message: error.message, cause: error })
    : undefined;
