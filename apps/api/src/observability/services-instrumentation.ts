import type { PasswordHasher } from '@orgsphere/core';
import type { MongoClient } from 'mongodb';

import { observeMongoCommands } from './database-monitor.js';
import type { Metrics } from './metrics.js';
import { timedPasswordHasher } from './timed-password-hasher.js';
import type { Tracing } from './tracing.js';

/** The services' hooks for metrics and tracing; nothing is observed without them. */
export type ServicesInstrumentation = {
  /** Subscribes to the driver's command events before the first command. */
  observeMongoClient?: (client: MongoClient) => void;
  wrapPasswordHasher?: (hasher: PasswordHasher) => PasswordHasher;
};

/** What the services need to report database commands and argon2 time. */
export const servicesInstrumentation = ({
  metrics,
  tracing,
}: {
  metrics?: Metrics | undefined;
  tracing?: Tracing | undefined;
}): ServicesInstrumentation => ({
  observeMongoClient: (client) => observeMongoCommands(client, { metrics, tracing }),
  ...(metrics ? { wrapPasswordHasher: (hasher) => timedPasswordHasher(hasher, metrics) } : {}),
});
