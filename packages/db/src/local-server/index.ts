export { ensureLocalMongoBinary } from './build-tool.js';
export { LocalMongoUnavailableError } from './errors.js';
export { startFerretDb } from './ferretdb-server.js';
export { startMongod } from './mongod-server.js';
export { findRepoRoot } from './repo-root.js';
export { resolveMongo } from './resolve-mongo.js';
export type { LocalMongo, LogFn, ResolveMongoOptions, StartServerOptions } from './types.js';
