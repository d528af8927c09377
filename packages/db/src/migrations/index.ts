export * from './migration.js';
export * from './list.js';
export * from './run-migrations.js';
