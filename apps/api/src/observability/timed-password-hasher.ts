import type { PasswordHasher } from '@orgsphere/core';

import { secondsSince, type Metrics } from './metrics.js';

/** Decorates core's hasher with timing, so argon2's cost shows up next to request latency. */
export const timedPasswordHasher = (
  hasher: PasswordHasher,
  metrics: Pick<Metrics, 'passwordHashDuration'>,
): PasswordHasher => ({
  hash: async (password) => {
    const startedAt = process.hrtime.bigint();
    try {
      return await hasher.hash(password);
    } finally {
      metrics.passwordHashDuration.observe({ operation: 'hash' }, secondsSince(startedAt));
    }
  },
  verify: async (passwordHash, password) => {
    const startedAt = process.hrtime.bigint();
    try {
      return await hasher.verify(passwordHash, password);
    } finally {
      metrics.passwordHashDuration.observe({ operation: 'verify' }, secondsSince(startedAt));
    }
  },
});
