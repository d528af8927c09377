import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

import type { Env } from '../env.js';

export type SpanAttributes = Record<string, string | number | boolean>;

export type SpanHandle = {
  setName: (name: string) => void;
  setAttributes: (attributes: SpanAttributes) => void;
  fail: (message: string) => void;
  end: () => void;
};

/**
 * The little the app needs from a tracer, so the request path depends on this type
 * only and the OpenTelemetry SDK is loaded (dynamically) only when tracing is on.
 */
export type Tracing = {
  /** Opens a request's server span (continuing an incoming traceparent) and continues the request inside it. */
  startServerSpan: (
    name: string,
    headers: Record<string, string | string[] | undefined>,
    attributes: SpanAttributes,
    continueInside: () => void,
  ) => SpanHandle;
  /** Runs `fn` inside a child span of the current one. */
  inSpan: <T>(name: string, attributes: SpanAttributes, fn: (span: SpanHandle) => Promise<T>) => Promise<T>;
  /** A child span of the current one that nothing runs inside (a database command seen through events). */
  startSpan: (name: string, attributes: SpanAttributes) => SpanHandle;
  /** Flushes pending spans. */
  shutdown: () => Promise<void>;
};

export type TracingSettings = Pick<
  Env,
  | 'OTEL_SDK_DISABLED'
  | 'OTEL_TRACES_EXPORTER'
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  | 'OTEL_SERVICE_NAME'
>;

/** On only when an exporter is chosen: OTEL_TRACES_EXPORTER, or an OTLP endpoint (OTLP is the standard default). */
export const tracingEnabled = (settings: TracingSettings): boolean =>
  !settings.OTEL_SDK_DISABLED &&
  settings.OTEL_TRACES_EXPORTER !== 'none' &&
  (settings.OTEL_TRACES_EXPORTER !== undefined ||
    settings.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined);

export type StartTracingOptions = {
  /** Tests pass an in-memory exporter; spans are then exported as each one ends. */
  exporter?: SpanExporter;
};

/** Undefined (and nothing loaded) when tracing is off: the request path then only checks for undefined. */
export const startTracing = async (
  settings: TracingSettings,
  options: StartTracingOptions = {},
): Promise<Tracing | undefined> => {
  if (!options.exporter && !tracingEnabled(settings)) return undefined;
  const { createOtelTracing } = await import('./otel-tracing.js');
  return createOtelTracing(settings, options);
};
