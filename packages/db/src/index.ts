export * from './client.js';
export * from './collections.js';
export * from './driver-errors.js';
export * from './indexes.js';
export * from './repositories.js';
export * from './admins-repository.js';
export * from './organizations-repository.js';
export * from './tenant-store.js';
