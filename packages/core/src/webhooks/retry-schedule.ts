/**
 * Seconds to wait before each attempt: Standard Webhooks' schedule, about 27.6 hours
 * from the first attempt to the last (8 attempts).
 */
export const retryScheduleSeconds = [0, 5, 300, 1_800, 7_200, 18_000, 36_000, 36_000] as const;

/** Longer than the whole schedule (with jitter): what a deleted organization's endpoints wait for. */
export const retryScheduleSpanSeconds = Math.ceil(retryScheduleSeconds.reduce<number>((sum, s) => sum + s, 0) * 1.25);

export type RetryPolicy = {
  /** Milliseconds one schedule second stands for: 1000 in production, a few in tests. */
  unitMs: number;
  /** ±fraction of random spread on each delay, so failed endpoints are not retried in lockstep. */
  jitter: number;
};

export const defaultRetryPolicy: RetryPolicy = { unitMs: 1_000, jitter: 0.2 };

/**
 * When the attempt after `attemptsMade` failed attempts is due, or null when the
 * schedule is used up and the delivery has failed for good.
 */
export const nextAttemptAt = (
  attemptsMade: number,
  from: Date,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Date | null => {
  const seconds = retryScheduleSeconds[attemptsMade];
  if (seconds === undefined) return null;
  const spread = 1 + policy.jitter * (2 * random() - 1);
  return new Date(from.getTime() + Math.round(seconds * policy.unitMs * spread));
};
