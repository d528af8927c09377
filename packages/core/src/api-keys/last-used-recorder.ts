/**
 * Remembers when each key was last used and writes it in batches, so a busy key
 * costs one database write per flush interval, not one per request.
 */
export type LastUsedRecorder = {
  record(id: string, at: Date): void;
  /** A use not yet written, so a list can show it before the next flush. */
  pending(id: string): Date | undefined;
  /** Writes what was recorded since the last flush; kept for the next one if the write fails. */
  flush(): Promise<void>;
};

export const createLastUsedRecorder = (
  write: (uses: readonly { id: string; at: Date }[]) => Promise<void>,
): LastUsedRecorder => {
  let waiting = new Map<string, Date>();
  const keepLatest = (id: string, at: Date) => {
    const known = waiting.get(id);
    if (!known || known < at) waiting.set(id, at);
  };
  return {
    record: keepLatest,
    pending: (id) => waiting.get(id),
    flush: async () => {
      if (waiting.size === 0) return;
      const batch = waiting;
      waiting = new Map();
      try {
        await write([...batch].map(([id, at]) => ({ id, at })));
      } catch (error) {
        for (const [id, at] of batch) keepLatest(id, at);
        throw error;
      }
    },
  };
};
