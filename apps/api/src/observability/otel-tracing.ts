import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

import type { SpanHandle, StartTracingOptions, Tracing, TracingSettings } from './tracing.js';

const handleOf = (span: Span): SpanHandle => ({
  setName: (name) => void span.updateName(name),
  setAttributes: (attributes) => void span.setAttributes(attributes),
  fail: (message) => void span.setStatus({ code: SpanStatusCode.ERROR, message }),
  end: () => span.end(),
});

const exporterFor = (settings: TracingSettings): SpanExporter => {
  if (settings.OTEL_TRACES_EXPORTER === 'console') return new ConsoleSpanExporter();
  // The exporter reads the other OTEL_EXPORTER_OTLP_* settings (headers, timeout) itself.
  const url =
    settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (settings.OTEL_EXPORTER_OTLP_ENDPOINT
      ? `${settings.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`
      : undefined);
  return new OTLPTraceExporter(url ? { url } : {});
};

/** Loaded only when tracing is on (see tracing.ts). */
export const createOtelTracing = (settings: TracingSettings, options: StartTracingOptions): Tracing => {
  const exporter = options.exporter ?? exporterFor(settings);
  const immediate = options.exporter !== undefined || settings.OTEL_TRACES_EXPORTER === 'console';
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.OTEL_SERVICE_NAME }),
    spanProcessors: [immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  // AsyncLocalStorage context and W3C traceparent propagation, process-wide.
  provider.register();
  const tracer = provider.getTracer('orgsphere-api');

  return {
    startServerSpan: (name, headers, attributes, continueInside) => {
      const parent = propagation.extract(context.active(), headers);
      const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
      context.with(trace.setSpan(parent, span), continueInside);
      return handleOf(span);
    },
    inSpan: (name, attributes, fn) =>
      tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
        try {
          return await fn(handleOf(span));
        } finally {
          span.end();
        }
      }),
    startSpan: (name, attributes) => handleOf(tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes })),
    shutdown: () => provider.shutdown(),
  };
};
