export * from './test-database.js';
export * from './prerequisites.js';
export * from './test-redis.js';
