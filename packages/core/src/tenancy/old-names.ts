import { AppError } from '../errors.js';

/**
 * A name an organization went by before a rename. For a while (ORG_OLD_NAME_RETENTION)
 * it still leads to that organization and no other organization can take it.
 */
export type OldName = { slug: string; name: string; organizationId: string; expiresAt: Date };

/**
 * Old names by slug, one holder per slug. Expiry is the application's: a hold past
 * `expiresAt` counts as absent whether or not it has been removed yet.
 */
export interface OldNameRepository {
  /**
   * Holds `slug` for the organization until `expiresAt`, renewing a hold of its own or
   * replacing an expired one; ORG_NAME_TAKEN while another organization's hold is current.
   */
  reserve(oldName: OldName, now: Date): Promise<void>;
  findBySlug(slug: string): Promise<OldName | null>;
  /** Removes the hold on `slug` only if it has expired at `now` (a renewed one stays). */
  releaseExpired(slug: string, now: Date): Promise<void>;
  deleteByOrganization(organizationId: string): Promise<void>;
  /** Removes every hold expired at `now` (no TTL indexes everywhere). Returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** The organization an old name still leads to, if its hold is current. */
export const resolveOldName = async (
  deps: { oldNames: Pick<OldNameRepository, 'findBySlug'> },
  slug: string,
  now: Date,
): Promise<OldName | null> => {
  const held = await deps.oldNames.findBySlug(slug);
  return held && held.expiresAt > now ? held : null;
};

/**
 * Refuses a name that is still another organization's old name; an expired hold is
 * cleared on the way. Callers claim the name first (unique slug index) and check after,
 * so a rename that releases the name concurrently has reserved it before releasing it.
 */
export const assertNotAnotherOldName = async (
  deps: { oldNames: Pick<OldNameRepository, 'findBySlug' | 'releaseExpired'> },
  target: { slug: string; name: string; organizationId: string; field: string },
  now: Date,
): Promise<void> => {
  const held = await deps.oldNames.findBySlug(target.slug);
  if (!held || held.organizationId === target.organizationId) return;
  if (held.expiresAt > now) {
    throw new AppError(
      'ORG_NAME_TAKEN',
      `"${target.name}" was another organization's name until recently; it is reserved until ${held.expiresAt.toISOString()}`,
      { field: target.field },
    );
  }
  await deps.oldNames.releaseExpired(target.slug, now);
};
