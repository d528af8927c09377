/**
 * The one error type the domain throws. Adapters (db, api) translate their own
 * failures into it, and the api maps each code to a transport status exactly once.
 */
export const appErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  ORG_NAME_INVALID: 'ORG_NAME_INVALID',
  ORG_NAME_TAKEN: 'ORG_NAME_TAKEN',
  ORG_NOT_FOUND: 'ORG_NOT_FOUND',
  ORG_BUSY: 'ORG_BUSY',
  ORG_SUSPENDED: 'ORG_SUSPENDED',
  ORG_NOT_EMPTY: 'ORG_NOT_EMPTY',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  PASSWORD_POLICY: 'PASSWORD_POLICY',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  CURRENT_PASSWORD_WRONG: 'CURRENT_PASSWORD_WRONG',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  SESSION_REVOKED: 'SESSION_REVOKED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  MEMBER_NOT_FOUND: 'MEMBER_NOT_FOUND',
  MEMBER_EXISTS: 'MEMBER_EXISTS',
  MEMBERSHIP_CHANGED: 'MEMBERSHIP_CHANGED',
  LAST_OWNER: 'LAST_OWNER',
  LIMIT_REACHED: 'LIMIT_REACHED',
  INVITATION_INVALID: 'INVITATION_INVALID',
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  INVITATION_REVOKED: 'INVITATION_REVOKED',
  INVITATION_ALREADY_ACCEPTED: 'INVITATION_ALREADY_ACCEPTED',
  INVITATION_EMAIL_MISMATCH: 'INVITATION_EMAIL_MISMATCH',
  INVITATION_NOT_FOUND: 'INVITATION_NOT_FOUND',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
} as const;

export type AppErrorCode = (typeof appErrorCodes)[keyof typeof appErrorCodes];

export type AppErrorDetails = {
  /** The input field at fault, named as on the wire (e.g. `organization_name`). */
  field?: string;
  [key: string]: unknown;
};

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
