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
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  SESSION_REVOKED: 'SESSION_REVOKED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
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
