import { MongoClient, type MongoClientOptions } from 'mongodb';

import { withinDeadline } from './call-deadline.js';

export type MongoConnectionOptions = {
  uri: string;
  /** How long an operation waits for a reachable server before failing (fail fast on outages). */
  serverSelectionTimeoutMS?: number;
  maxPoolSize?: number;
  minPoolSize?: number;
  connectTimeoutMS?: number;
  appName?: string;
};

/**
 * A client that fails fast when the database is down and reconnects by itself
 * when it returns (the driver's monitor keeps probing; no restart needed).
 */
export const createMongoClient = (options: MongoConnectionOptions): MongoClient => {
  const clientOptions: MongoClientOptions = {
    appName: options.appName ?? 'orgsphere',
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 3_000,
    connectTimeoutMS: options.connectTimeoutMS ?? 5_000,
    maxPoolSize: options.maxPoolSize ?? 50,
    minPoolSize: options.minPoolSize ?? 0,
    retryWrites: true,
    retryReads: true,
    // Emits commandStarted/Succeeded/Failed, which the api turns into latency metrics and spans.
    monitorCommands: true,
  };
  return new MongoClient(options.uri, clientOptions);
};

/**
 * A cheap round trip that proves the database answers within `timeoutMs` (the
 * driver's own per-operation `timeoutMS` no longer has any effect).
 */
export const pingDatabase = async (client: MongoClient, databaseName: string, timeoutMs = 1_000): Promise<boolean> => {
  try {
    await withinDeadline(client.db(databaseName).command({ ping: 1 }), timeoutMs);
    return true;
  } catch {
    return false;
  }
};
