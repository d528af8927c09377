import { AppError } from '@orgsphere/core';

type Methods = Record<string, unknown>;

/** Whether the database answers a trivial command right now (see liveness-probe.ts). */
export type IsAlive = () => Promise<boolean>;

export type CallDeadline = {
  /** How long a call may go unanswered before the database is asked whether it is alive. */
  deadlineMs: number;
  isAlive: IsAlive;
};

const unanswered = (deadlineMs: number) =>
  new AppError('STORAGE_UNAVAILABLE', `The database did not answer within ${deadlineMs} ms; retry shortly`);

const timeout = (ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
};

/** Settles like `call`, or fails as unavailable once `deadlineMs` has passed without an answer. */
export const withinDeadline = async <T>(call: Promise<T>, deadlineMs: number): Promise<T> => {
  const { expired, cancel } = timeout(deadlineMs);
  try {
    const first = await Promise.race([call, expired]);
    if (first === 'expired') throw unanswered(deadlineMs);
    return first;
  } finally {
    cancel();
  }
};

/**
 * Settles like `call`. Each time `deadlineMs` passes without an answer the database is
 * asked whether it is alive: a busy one (a long write ahead in its queue) keeps the call
 * waiting, one that does not answer fails it as unavailable.
 */
export const withinLiveDeadline = async <T>(call: Promise<T>, { deadlineMs, isAlive }: CallDeadline): Promise<T> => {
  for (;;) {
    const { expired, cancel } = timeout(deadlineMs);
    try {
      const first = await Promise.race([call, expired]);
      if (first !== 'expired') return first;
    } finally {
      cancel();
    }
    const alive = await Promise.race([call.then(() => 'answered' as const), isAlive()]);
    if (alive === 'answered') return call;
    if (!alive) throw unanswered(deadlineMs);
  }
};

/**
 * The repository with each method given up as STORAGE_UNAVAILABLE once it has gone
 * unanswered for `deadlineMs` and the database does not answer a ping either. The
 * driver's server-selection timeout covers a database that refuses connections, but
 * not one that accepts them and never answers (a frozen process, a network partition):
 * a request on an open connection then waits until the driver's monitor notices, a
 * heartbeat plus a connect timeout later (15 s by default), and a retryable operation
 * may wait twice. The abandoned call ends on its own when the driver closes the
 * connection; as after a crash, the lifecycle states and the reconciler settle whatever
 * it did or did not write. `exempt` names maintenance methods that may legitimately
 * take longer (large purges, full counts).
 */
export const withCallDeadline = <R extends object>(
  repository: R,
  deadline: CallDeadline,
  exempt: readonly (keyof R)[] = [],
): R =>
  Object.fromEntries(
    Object.entries(repository as Methods).map(([name, method]) => [
      name,
      typeof method === 'function' && !exempt.includes(name as keyof R)
        ? (...args: unknown[]) =>
            withinLiveDeadline(Promise.resolve((method as (...a: unknown[]) => unknown)(...args)), deadline)
        : method,
    ]),
  ) as R;
