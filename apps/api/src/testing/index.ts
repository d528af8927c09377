export * from './test-server.js';
export * from './consistency.js';
export * from './snapshot.js';
export * from './api-process.js';
