/**
 * Keeps a read that overlapped a write from caching what it saw: every write bumps
 * the epoch when it starts and when it ends, and a read stores its result only if
 * the epoch did not move while it was in flight.
 */
export type ReadGuard = {
  /** Runs `read`; calls `store` with its result unless a write overlapped it. */
  read<T>(read: () => Promise<T>, store: (value: T) => void): Promise<T>;
  /** Runs `write`, then `forget` (also when the write fails: its outcome is unknown). */
  write<T>(write: () => Promise<T>, forget: (result: T | undefined) => void): Promise<T>;
  /** For invalidations from elsewhere: in-flight reads must not store. */
  bump(): void;
};

export const createReadGuard = (): ReadGuard => {
  let epoch = 0;
  return {
    async read(read, store) {
      const startedAt = epoch;
      const value = await read();
      if (epoch === startedAt) store(value);
      return value;
    },
    async write(write, forget) {
      epoch += 1;
      let result;
      try {
        result = await write();
        return result;
      } finally {
        epoch += 1;
        forget(result);
      }
    },
    bump: () => void (epoch += 1),
  };
};
