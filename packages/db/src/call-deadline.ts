import { AppError } from '@orgsphere/core';

type Methods = Record<string, unknown>;

const unanswered = (deadlineMs: number) =>
  new AppError('STORAGE_UNAVAILABLE', `The database did not answer within ${deadlineMs} ms; retry shortly`);

/** Settles like `call`, or fails as unavailable once `deadlineMs` has passed without an answer. */
export const withinDeadline = <T>(call: Promise<T>, deadlineMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unanswered(deadlineMs)), deadlineMs);
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
};

/**
 * The repository with each method given up as STORAGE_UNAVAILABLE after `deadlineMs`.
 * The driver's server-selection timeout covers a database that refuses connections,
 * but not one that accepts them and never answers (a frozen process, a network
 * partition): a request on an open connection then waits until the driver's monitor
 * notices, a heartbeat plus a connect timeout later (15 s by default), and a retryable
 * operation may wait twice. The abandoned call ends on its own when the driver closes
 * the connection; as after a crash, the lifecycle states and the reconciler settle
 * whatever it did or did not write. `exempt` names maintenance methods that may
 * legitimately take longer (large purges, full counts).
 */
export const withCallDeadline = <R extends object>(
  repository: R,
  deadlineMs: number,
  exempt: readonly (keyof R)[] = [],
): R =>
  Object.fromEntries(
    Object.entries(repository as Methods).map(([name, method]) => [
      name,
      typeof method === 'function' && !exempt.includes(name as keyof R)
        ? (...args: unknown[]) =>
            withinDeadline(Promise.resolve((method as (...a: unknown[]) => unknown)(...args)), deadlineMs)
        : method,
    ]),
  ) as R;
