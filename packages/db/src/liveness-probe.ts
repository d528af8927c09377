import type { MongoClient } from 'mongodb';

import type { IsAlive } from './call-deadline.js';
import { pingDatabase } from './client.js';

export type LivenessProbe = { isAlive: IsAlive; close: () => Promise<void> };

/**
 * Pings over a client of its own, so the answer says whether the database is alive even
 * while every connection of the main pool waits on slow operations. Callers that ask at
 * the same time share one ping.
 */
export const createLivenessProbe = (client: MongoClient, databaseName: string, timeoutMs: number): LivenessProbe => {
  let inFlight: Promise<boolean> | undefined;
  return {
    isAlive: () =>
      (inFlight ??= pingDatabase(client, databaseName, timeoutMs).finally(() => {
        inFlight = undefined;
      })),
    close: () => client.close(),
  };
};
