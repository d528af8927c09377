import type { Collection, Document, Filter } from 'mongodb';

/** The ids a filter selects, in order: what an indexed and an unindexed collection must agree on. */
export const idsOf = async <T extends Document & { _id: number }>(
  collection: Collection<T>,
  filter: Record<string, unknown>,
): Promise<number[]> =>
  (
    await collection
      .find(filter as Filter<T>, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray()
  ).map((doc) => doc._id);

/** Whether the local server pushed the filter down to SQLite (its `explain` says so). */
export const pushdownOf = async <T extends Document>(collection: Collection<T>, filter: Record<string, unknown>) =>
  ((await collection.find(filter as Filter<T>).explain()) as unknown as { filterPushdown: boolean }).filterPushdown;
