import { TRPCClientError } from '@trpc/client';

import type { AppRouter } from './types.js';

/**
 * Every domain error code the API answers with (`error.data.appCode`). A type test
 * keeps this list equal to the server's.
 */
export const orgSphereErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  ORG_NAME_INVALID: 'ORG_NAME_INVALID',
  ORG_NAME_TAKEN: 'ORG_NAME_TAKEN',
  ORG_NOT_FOUND: 'ORG_NOT_FOUND',
  ORG_BUSY: 'ORG_BUSY',
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
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
  API_KEY_MALFORMED: 'API_KEY_MALFORMED',
  API_KEY_INVALID: 'API_KEY_INVALID',
  API_KEY_REVOKED: 'API_KEY_REVOKED',
  API_KEY_EXPIRED: 'API_KEY_EXPIRED',
  API_KEY_ROTATED: 'API_KEY_ROTATED',
  API_KEY_NOT_ALLOWED: 'API_KEY_NOT_ALLOWED',
  API_KEY_SCOPE_MISSING: 'API_KEY_SCOPE_MISSING',
  API_KEY_SCOPE_INVALID: 'API_KEY_SCOPE_INVALID',
  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
  WEBHOOK_URL_REFUSED: 'WEBHOOK_URL_REFUSED',
  WEBHOOK_NOT_FOUND: 'WEBHOOK_NOT_FOUND',
  ORG_SUSPENDED: 'ORG_SUSPENDED',
  ORG_NOT_EMPTY: 'ORG_NOT_EMPTY',
} as const;

export type OrgSphereErrorCode = (typeof orgSphereErrorCodes)[keyof typeof orgSphereErrorCodes];

/** What every failed call rejects with; `error.data.appCode` names the domain error. */
export type OrgSphereClientError = TRPCClientError<AppRouter>;

export const isOrgSphereClientError = (error: unknown): error is OrgSphereClientError =>
  error instanceof TRPCClientError;

/** The parts of a failure an app acts on, whatever kind of error it was. */
export type OrgSphereErrorDetails = {
  /** HTTP status; `null` when no answer arrived (network down, aborted). */
  status: number | null;
  appCode: OrgSphereErrorCode | null;
  /** The input field at fault, named as on the wire (e.g. `organization_name`). */
  field: string | null;
  issues: { path: string; message: string }[];
  /** Seconds to wait before retrying (429 and some 503 answers), from `Retry-After`. */
  retryAfter: number | null;
  message: string;
};

const retryAfterOf = (error: OrgSphereClientError): number | null => {
  const response = (error.meta as { response?: { headers?: { get?: (name: string) => string | null } } } | undefined)
    ?.response;
  const value = response?.headers?.get?.('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
};

/**
 * Reads `{status, appCode, field, issues, retryAfter}` from anything a call rejected
 * with; a non-client error gives nulls and its message.
 * @example
 * catch (error) { const { status, retryAfter } = describeOrgSphereError(error); }
 */
export const describeOrgSphereError = (error: unknown): OrgSphereErrorDetails => {
  if (!isOrgSphereClientError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: null, appCode: null, field: null, issues: [], retryAfter: null, message };
  }
  const data = error.data;
  return {
    status: data?.httpStatus ?? null,
    appCode: data?.appCode ?? null,
    field: data?.field ?? null,
    issues: data?.issues ?? [],
    retryAfter: retryAfterOf(error),
    message: error.message,
  };
};
