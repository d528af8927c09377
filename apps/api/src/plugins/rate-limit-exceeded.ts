const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const year = 365.25 * day;
const units: ReadonlyArray<[limit: number, size: number, name: string]> = [
  [minute, second, 'second'],
  [hour, minute, 'minute'],
  [day, hour, 'hour'],
  [year, day, 'day'],
  [Infinity, year, 'year'],
];

/** A duration in words, as @lukeed/ms 2's `format(ms, true)` writes it ("1 minute", "30 seconds", "2 hours"). */
export const describeDuration = (ms: number): string => {
  const sign = ms < 0 ? '-' : '';
  const magnitude = ms < 0 ? -ms : ms;
  if (magnitude < second) return `${ms} ms`;
  const [, size, name] = units.find(([limit]) => magnitude < limit) ?? [Infinity, year, 'year'];
  const value = magnitude / size;
  const rounded = (value | 0) === value ? value : ~~(value + 0.5);
  return `${sign}${rounded} ${name}${rounded !== 1 ? 's' : ''}`;
};

/**
 * The error @fastify/rate-limit 11.2 throws past the limit (its default errorResponseBuilder):
 * a plain Error with statusCode 429, answered by the route's error handler like any other.
 */
export const rateLimitExceeded = (resetSeconds: number): Error & { statusCode: number } =>
  Object.assign(new Error(`Rate limit exceeded, retry in ${describeDuration(resetSeconds * 1000)}`), {
    statusCode: 429,
  });
