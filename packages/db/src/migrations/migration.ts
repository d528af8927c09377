import type { Db } from 'mongodb';

/**
 * One change to the shape of the stored data. `up` must be idempotent: an instance
 * may die halfway through it, and the next start runs it again from the beginning.
 */
export type Migration = {
  /** Unique and never changed once released; recorded in the `migrations` collection. */
  id: string;
  description: string;
  up: (db: Db) => Promise<void>;
};
