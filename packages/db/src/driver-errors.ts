import { AppError } from '@orgsphere/core';
import { MongoError, MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

export const duplicateKeyCode = 11000;
export const namespaceExistsCode = 48;
export const namespaceNotFoundCode = 26;

export const hasErrorCode = (error: unknown, code: number): boolean =>
  error instanceof MongoError && error.code === code;

/** Errors meaning "the database is not reachable right now", as opposed to a bad request. */
export const isUnavailableError = (error: unknown): boolean =>
  error instanceof MongoServerSelectionError ||
  error instanceof MongoNetworkError ||
  error instanceof MongoTopologyClosedError ||
  (error instanceof MongoError && error.hasErrorLabel('RetryableWriteError') && !(error.code === duplicateKeyCode));

/**
 * Runs one driver call and translates its failures into the domain's errors:
 * a duplicate key into `onDuplicate()`, an unreachable database into STORAGE_UNAVAILABLE.
 */
export const withDriverErrors = async <T>(call: () => Promise<T>, onDuplicate?: () => AppError): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (onDuplicate && hasErrorCode(error, duplicateKeyCode)) throw onDuplicate();
    if (isUnavailableError(error)) {
      throw new AppError('STORAGE_UNAVAILABLE', 'The database is unavailable; retry shortly', {}, { cause: error });
    }
    throw error;
  }
};
