import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';

import type { Metrics } from './metrics.js';
import type { SpanHandle, Tracing } from './tracing.js';

export type DatabaseMonitorHooks = {
  metrics?: Pick<Metrics, 'dbCommandDuration'> | undefined;
  tracing?: Tracing | undefined;
};

type CommandEvent = CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent;
const keyOf = (event: CommandEvent) => `${String(event.connectionId)}:${event.requestId}`;

/**
 * Turns the driver's command monitoring events (monitorCommands, on in @orgsphere/db)
 * into latency metrics and client spans. Labels and attributes carry the command and
 * database names only: collection names would carry tenant names.
 */
export const observeMongoCommands = (client: MongoClient, { metrics, tracing }: DatabaseMonitorHooks): void => {
  const spans = new Map<string, SpanHandle>();
  if (tracing) {
    // Emitted in the caller's async context, so the span joins the request's trace.
    client.on('commandStarted', (event) => {
      spans.set(
        keyOf(event),
        tracing.startSpan(`mongodb ${event.commandName}`, {
          'db.system.name': 'mongodb',
          'db.operation.name': event.commandName,
          'db.namespace': event.databaseName,
        }),
      );
    });
  }
  const finish = (event: CommandSucceededEvent | CommandFailedEvent, outcome: 'ok' | 'error') => {
    metrics?.dbCommandDuration.observe({ command: event.commandName, outcome }, event.duration / 1000);
    const span = spans.get(keyOf(event));
    if (!span) return;
    spans.delete(keyOf(event));
    if (outcome === 'error') span.fail(event.commandName);
    span.end();
  };
  client.on('commandSucceeded', (event) => finish(event, 'ok'));
  client.on('commandFailed', (event) => finish(event, 'error'));
};
