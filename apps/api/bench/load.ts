import autocannon from 'autocannon';

export type LoadRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** A fixed body, or one made per request (unique names and emails). */
  body?: unknown;
  makeBody?: () => unknown;
  /** A path made per request (e.g. a random tenant). */
  makePath?: () => string;
};

export type LoadResult = {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  serverErrors: number;
};

export type LoadOptions = {
  connections: number;
  durationSeconds: number;
  /** Requests per second over all connections (a paced probe); as fast as answered when absent. */
  overallRate?: number;
};

/** One fixed-connections, fixed-duration autocannon run against `url`. */
export const runLoad = async (url: string, request: LoadRequest, options: LoadOptions): Promise<LoadResult> => {
  const headers = {
    ...(request.body !== undefined || request.makeBody ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  const { makeBody, makePath } = request;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: request.method,
        path: request.path,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(makeBody || makePath
          ? {
              setupRequest: (req) => ({
                ...req,
                ...(makePath ? { path: makePath() } : {}),
                ...(makeBody ? { body: JSON.stringify(makeBody()) } : {}),
              }),
            }
          : {}),
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: Number(result.latency.mean.toFixed(2)),
    },
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverErrors: result['5xx'],
  };
};
