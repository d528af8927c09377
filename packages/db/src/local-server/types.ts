export type LogFn = (line: string) => void;

/** A MongoDB-compatible server for dev and tests, and how to stop it. */
export type LocalMongo = {
  uri: string;
  kind: 'external' | 'mongod' | 'ferretdb';
  pid?: number;
  dataDir?: string;
  /** Stops the server (idempotent); removes its data directory if that was a temporary one. */
  stop(): Promise<void>;
};

export type ResolveMongoOptions = {
  /** From MONGO_URI: when set, it is used unchanged and stop() does nothing. */
  mongoUri?: string;
  /** A persistent data directory (pnpm dev uses <repo>/.data/local-mongo); default: a temporary one. */
  dataDir?: string;
  log?: LogFn;
};

export type StartServerOptions = {
  dataDir?: string;
  /** A fixed loopback port, e.g. to restart a server where clients expect it; default: a free one. */
  port?: number;
  log?: LogFn;
};
