import type { ServicesInstrumentation } from '../services.js';
import { observeMongoCommands } from './database-monitor.js';
import type { Metrics } from './metrics.js';
import { timedPasswordHasher } from './timed-password-hasher.js';
import type { Tracing } from './tracing.js';

/** What the services need to report database commands and argon2 time. */
export const servicesInstrumentation = ({ metrics, tracing }: { metrics?: Metrics | undefined; tracing?: Tracing | undefined }): ServicesInstrumentation => ({
  observeMongoClient: (client) => observeMongoCommands(client, { metrics, tracing }),
  ...(metrics ? { wrapPasswordHasher: (hasher) => timedPasswordHasher(hasher, metrics) } : {}),
});
