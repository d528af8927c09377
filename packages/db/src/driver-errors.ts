import { AppError } from '@orgsphere/core';
import {
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

export const duplicateKeyCode = 11000;
export const namespaceExistsCode = 48;
export const namespaceNotFoundCode = 26;

export const hasErrorCode = (error: unknown, code: number): boolean =>
  error instanceof MongoError && error.code === code;

/**
 * MongoDB reports every unique-index violation as 11000. FerretDB v1 does so for
 * inserts, but an update that violates one comes back as an InternalError carrying
 * SQLite's message, so that message is recognised too.
 */
export const isDuplicateKeyError = (error: unknown): boolean =>
  hasErrorCode(error, duplicateKeyCode) ||
  (error instanceof MongoServerError && /UNIQUE constraint failed/.test(error.message));

/**
 * Server answers meaning "not now" rather than "not this": shutting down, stepping
 * down, unreachable members, timeouts. The set MongoDB's retryable-reads spec uses.
 */
const transientServerCodes = new Set([6, 7, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/** A write to a socket the server just closed can surface as the bare Node error, unwrapped. */
const socketErrorCodes = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT']);

/** Errors meaning "the database is not reachable right now", as opposed to a bad request. */
export const isUnavailableError = (error: unknown): boolean =>
  error instanceof MongoServerSelectionError ||
  error instanceof MongoNetworkError ||
  error instanceof MongoTopologyClosedError ||
  error instanceof MongoOperationTimeoutError ||
  (error instanceof MongoServerError && typeof error.code === 'number' && transientServerCodes.has(error.code)) ||
  (error instanceof MongoError && error.hasErrorLabel('RetryableWriteError') && !isDuplicateKeyError(error)) ||
  (!(error instanceof MongoError) &&
    error instanceof Error &&
    socketErrorCodes.has(String((error as NodeJS.ErrnoException).code)));

/**
 * Runs one driver call and translates its failures into the domain's errors:
 * a duplicate key into `onDuplicate()`, an unreachable database into STORAGE_UNAVAILABLE.
 */
export const withDriverErrors = async <T>(call: () => Promise<T>, onDuplicate?: () => AppError): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (onDuplicate && isDuplicateKeyError(error)) throw onDuplicate();
    if (isUnavailableError(error)) {
      throw new AppError('STORAGE_UNAVAILABLE', 'The database is unavailable; retry shortly', {}, { cause: error });
    }
    throw error;
  }
};
