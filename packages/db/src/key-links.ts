import type { Collection, Filter, WithId } from 'mongodb';

import { isDuplicateKeyError } from './driver-errors.js';

/** One link: `_id` is the key (a slug, an email), `target` the `_id` of the document holding it. */
export type KeyLinkDocument = { _id: string; target: string; linked_at: Date };

export type KeyLinks<T> = {
  /** The record that holds `key` now, found through its link; null if none does. */
  holder(key: string): Promise<WithId<T> | null>;
  /**
   * Points `key` at `target`. False when another document holds the key, or when a link
   * made moments ago may belong to a create or rename still on its way to taking it.
   */
  link(key: string, target: string): Promise<boolean>;
  /** Removes the link unless `target` holds the key again (then it stays or comes back). */
  unlink(key: string, target: string): Promise<void>;
  /**
   * Runs `write`, which may take `key` for `target` (a unique index arbitrates): links
   * before it (else throws `taken()`), links again after it, and unlinks when the write
   * fails or changes nothing (returns null). Without a key, it just runs `write`.
   */
  claim<T>(key: string | undefined, target: string, write: () => Promise<T>, taken: () => Error): Promise<T>;
  /** Links every pair in `holders` and removes old links that no document holds. */
  repair(holders: Map<string, string>): Promise<{ linked: number; removed: number }>;
};

/** A link younger than this is not replaced by a non-holder: its maker may be about to take the key. */
export const linkGraceMs = 30_000;
const linkAttempts = 5;

/**
 * Lookups by `_id` in place of lookups by a uniquely indexed field. The local server
 * (FerretDB) reads a whole collection for any filter but `_id` (500 ms at 10,000
 * organizations); real MongoDB would use the index, and these cost it two point reads.
 *
 * The unique index stays the arbiter of who holds a key; a link is only a pointer,
 * checked against its target on every read, so a stale link is harmless. Writers link
 * before taking a key and again after, and unlink after giving it up; each step
 * re-checks who holds the key, so any interleaving of them ends with the holder linked.
 */
export const createKeyLinks = <T extends { _id: string }>(
  links: Collection<KeyLinkDocument>,
  records: Collection<T>,
  field: keyof T & string,
  now: () => number = Date.now,
): KeyLinks<T> => {
  const byId = (id: string) => ({ _id: id }) as Filter<T>;
  const keyOf = (record: WithId<T> | null) => (record as T | null)?.[field];
  /** Whether record `target` holds `key` now (its field equals it). */
  const holds = async (target: string, key: string) =>
    keyOf(await records.findOne(byId(target), { projection: { [field]: 1 } })) === key;

  const link = async (key: string, target: string): Promise<boolean> => {
    for (let attempt = 0; attempt < linkAttempts; attempt += 1) {
      const current = await links.findOne({ _id: key });
      if (!current) {
        try {
          await links.insertOne({ _id: key, target, linked_at: new Date(now()) });
          return true;
        } catch (error) {
          if (isDuplicateKeyError(error)) continue;
          throw error;
        }
      }
      if (current.target === target) return true;
      if (await holds(current.target, key)) return false;
      const young = now() - current.linked_at.getTime() < linkGraceMs;
      if (young && !(await holds(target, key))) return false;
      const replaced = await links.findOneAndUpdate(
        { _id: key, target: current.target },
        { $set: { target, linked_at: new Date(now()) } },
      );
      if (replaced) return true;
    }
    // Contended for every attempt: report the key as taken rather than fail the request.
    return false;
  };

  const unlink = async (key: string, target: string): Promise<void> => {
    if (await holds(target, key)) return;
    await links.deleteOne({ _id: key, target });
    // Taken back between the check and the delete: its writer may have seen the old link and skipped.
    if (await holds(target, key)) await link(key, target);
  };

  return {
    holder: async (key) => {
      const link = await links.findOne({ _id: key });
      const record = link && (await records.findOne(byId(link.target)));
      return record && keyOf(record) === key ? record : null;
    },
    link,
    unlink,
    claim: async (key, target, write, taken) => {
      if (key === undefined) return write();
      if (!(await link(key, target))) throw taken();
      let result: Awaited<ReturnType<typeof write>>;
      try {
        result = await write();
      } catch (error) {
        await unlink(key, target).catch(() => undefined);
        throw error;
      }
      if (result === null) await unlink(key, target);
      else await link(key, target);
      return result;
    },
    repair: async (holders) => {
      let linked = 0;
      let removed = 0;
      const existing = await links.find({}).toArray();
      const linkedTo = new Map(existing.map((doc) => [doc._id, doc.target]));
      for (const [key, target] of holders) {
        if (linkedTo.get(key) !== target && (await link(key, target))) linked += 1;
      }
      for (const doc of existing) {
        const old = now() - doc.linked_at.getTime() >= linkGraceMs;
        if (old && holders.get(doc._id) !== doc.target) {
          await unlink(doc._id, doc.target);
          removed += 1;
        }
      }
      return { linked, removed };
    },
  };
};
