import type { Db } from 'mongodb';

import { migrationsCollection } from '../collections.js';
import { isDuplicateKeyError } from '../driver-errors.js';
import { createLeasesRepository } from '../leases-repository.js';
import { migrations as releasedMigrations } from './list.js';
import type { Migration } from './migration.js';

export const migrationLease = 'schema-migrations';
/** Long enough for any migration we would run at start-up; past it the start fails and is retried. */
const defaultWaitMs = 5 * 60_000;

export type MigrationOptions = {
  /** Recorded with each migration it applies, and holds the lease meanwhile. */
  instanceId: string;
  migrations?: readonly Migration[];
  /** Renewed while a migration runs, so only a dead holder loses it. */
  leaseTtlMs?: number;
  /** How long to wait for another instance that is applying them before giving up. */
  waitMs?: number;
  pollMs?: number;
};

export type MigrationReport = { applied: string[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pendingOf = async (db: Db, list: readonly Migration[]) => {
  const done = new Set(
    (
      await migrationsCollection(db)
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((doc) => doc._id),
  );
  return list.filter((migration) => !done.has(migration.id));
};

/**
 * Brings the master database up to this release's shape. When nothing is pending
 * (every start but the first after an upgrade) it costs one small read. Otherwise
 * one instance applies the pending migrations in order under a lease while the
 * others wait for it; each is recorded once it has completed, so a crash halfway
 * means the next start runs that migration again (migrations are idempotent).
 */
export const runMigrations = async (db: Db, options: MigrationOptions): Promise<MigrationReport> => {
  const list = options.migrations ?? releasedMigrations;
  const ids = list.map((migration) => migration.id);
  if (new Set(ids).size !== ids.length) throw new Error(`Migration ids must be unique: ${ids.join(', ')}`);
  const leaseTtlMs = options.leaseTtlMs ?? 60_000;
  const deadline = Date.now() + (options.waitMs ?? defaultWaitMs);
  const leases = createLeasesRepository(db);
  const applied: string[] = [];

  for (;;) {
    const pending = await pendingOf(db, list);
    if (pending.length === 0) return { applied };
    const renew = () => leases.tryAcquire(migrationLease, options.instanceId, leaseTtlMs);
    if (await renew()) {
      try {
        // Another instance may have finished them between the read above and the lease.
        for (const migration of await pendingOf(db, list)) {
          // Lost to an instance that took over: it applies the rest, and this one waits as any other.
          if (!(await applyUnderLease(db, migration, renew, leaseTtlMs))) break;
          await record(db, migration, options.instanceId);
          applied.push(migration.id);
        }
      } finally {
        await leases.release(migrationLease, options.instanceId).catch(() => undefined);
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const waiting = pending.map((migration) => migration.id).join(', ');
      throw new Error(
        `Migrations ${waiting} are being applied by another instance and did not finish in time; retry the start`,
      );
    }
    await sleep(options.pollMs ?? 250);
  }
};

/**
 * Runs one migration, renewing the lease meanwhile so that waiting instances do not
 * take over. False when the lease was lost anyway (this process stalled past its
 * expiry): another instance may be running the same migration, so it is not recorded here.
 */
const applyUnderLease = async (db: Db, migration: Migration, renew: () => Promise<boolean>, leaseTtlMs: number) => {
  let lost = false;
  const timer = setInterval(() => {
    renew().then(
      (held) => {
        lost ||= !held;
      },
      () => undefined,
    );
  }, leaseTtlMs / 3);
  try {
    await migration.up(db);
  } finally {
    clearInterval(timer);
  }
  return !lost && (await renew());
};

const record = async (db: Db, migration: Migration, instanceId: string) => {
  try {
    await migrationsCollection(db).insertOne({ _id: migration.id, applied_at: new Date(), applied_by: instanceId });
  } catch (error) {
    // Recorded already by an instance that took over an expired lease.
    if (!isDuplicateKeyError(error)) throw error;
  }
};
