import type { SpanHandle } from './tracing.js';

/** What is known about one request while it runs: filled by the request-telemetry plugin and the tRPC middleware. */
export type RequestObservation = {
  startedAt: bigint;
  organizationId: string | null;
  adminId: string | null;
  procedures: string[];
  span: SpanHandle | undefined;
  /** Worked out once, when the answer is complete; the metrics, the span and the log line share it. */
  route: string | undefined;
};

declare module 'fastify' {
  interface FastifyRequest {
    telemetry: RequestObservation | null;
  }
}
