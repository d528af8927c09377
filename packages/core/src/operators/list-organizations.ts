import { AppError } from '../errors.js';
import { slugify } from '../tenancy/org-name.js';
import type { Organization, OrganizationState } from '../tenancy/organization.js';
import type { OrganizationListQuery, OrganizationRepository } from '../tenancy/ports.js';

export const organizationPageLimits = { default: 50, max: 200 } as const;

export type ListOrganizationsInput = {
  state?: OrganizationState | undefined;
  /** Matched against the slug, so "Acme C" finds "ACME Corp" and "acme_co". */
  namePrefix?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
};

export type OrganizationPage = { organizations: Organization[]; nextCursor: string | null };

/** The cursor is the last item's sort key: creation time, then id, so pages never skip or repeat. */
const encodeCursor = (organization: Organization) =>
  Buffer.from(JSON.stringify([organization.createdAt.toISOString(), organization.id])).toString('base64url');

const decodeCursor = (cursor: string): NonNullable<OrganizationListQuery['after']> => {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id === 'string' && !Number.isNaN(date.getTime())) return { createdAt: date, id };
  } catch {
    // reported below
  }
  throw new AppError('VALIDATION_FAILED', 'cursor is not a next_cursor this API returned', { field: 'cursor' });
};

/** Every organization in any state, oldest first, one bounded index range per page. */
export const listOrganizations = async (
  deps: { organizations: Pick<OrganizationRepository, 'listPage'> },
  input: ListOrganizationsInput,
): Promise<OrganizationPage> => {
  const limit = Math.min(Math.max(input.limit ?? organizationPageLimits.default, 1), organizationPageLimits.max);
  const slugPrefix = input.namePrefix === undefined ? undefined : slugify(input.namePrefix);
  const found = await deps.organizations.listPage({
    state: input.state,
    slugPrefix: slugPrefix || undefined,
    after: input.cursor === undefined ? undefined : decodeCursor(input.cursor),
    limit: limit + 1,
  });
  const organizations = found.slice(0, limit);
  const last = organizations.at(-1);
  return { organizations, nextCursor: found.length > limit && last ? encodeCursor(last) : null };
};
