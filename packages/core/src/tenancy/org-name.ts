import { AppError } from '../errors.js';

export const orgNameLimits = { minLength: 2, maxLength: 64 } as const;

/** Prefix of every tenant collection; it also keeps tenants clear of the master collections. */
export const tenantCollectionPrefix = 'org_';

/** MongoDB's limit on `<database>.<collection>` in bytes (4.4+). */
const maxNamespaceBytes = 255;

/**
 * Slugs nobody may take: they read as system or operator names, and some
 * (`system`) would collide with MongoDB's reserved `system.*` namespace rules.
 */
const reservedSlugs = new Set([
  'admin',
  'admins',
  'api',
  'config',
  'default',
  'docs',
  'health',
  'local',
  'master',
  'metrics',
  'null',
  'orgsphere',
  'ready',
  'root',
  'system',
  'undefined',
]);

export type NormalizedOrgName = {
  /** Display name as the user typed it, trimmed and with inner whitespace collapsed. */
  name: string;
  /** Identity of the organization: equal slugs mean the same organization. */
  slug: string;
  collectionName: string;
};

const field = 'organization_name';

// Control and format characters have no place in a display name.
const invisibleCharacters = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Turns any text into an ASCII slug: accents folded (Café -> cafe), every run of
 * other characters becomes one underscore, no underscores at the ends.
 */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

export const tenantCollectionName = (slug: string): string => `${tenantCollectionPrefix}${slug}`;

/**
 * Validates an organization name and derives its slug and tenant collection.
 * Throws ORG_NAME_INVALID naming the wire field, so callers can pass it through.
 */
export const normalizeOrgName = (raw: string, options: { databaseName: string; field?: string }): NormalizedOrgName => {
  let known = recentlyNormalized.get(options.databaseName);
  const found = known?.get(raw);
  if (found) return found;
  const normalized = deriveOrgName(raw, options);
  if (!known || known.size >= recentlyNormalizedLimit) {
    // Normally one database; tests make many.
    if (recentlyNormalized.size >= 16) recentlyNormalized.clear();
    known = new Map();
    recentlyNormalized.set(options.databaseName, known);
  }
  known.set(raw, normalized);
  return normalized;
};

// Reads by name normalize the same few names over and over (2.5% of a cached org.get's CPU);
// the result is a pure function of the input, so valid names are remembered, per database
// name (no key concatenated per call). Invalid ones throw and are not kept. Starting afresh
// when full keeps the bound without bookkeeping per hit.
const recentlyNormalizedLimit = 1024;
const recentlyNormalized = new Map<string, Map<string, NormalizedOrgName>>();

const deriveOrgName = (raw: string, options: { databaseName: string; field?: string }): NormalizedOrgName => {
  const fieldName = options.field ?? field;
  const fail = (message: string) => new AppError('ORG_NAME_INVALID', message, { field: fieldName });

  const name = raw.trim().replace(/\s+/g, ' ');
  const length = [...name].length;
  if (length < orgNameLimits.minLength || length > orgNameLimits.maxLength) {
    throw fail(
      `${fieldName} must be ${orgNameLimits.minLength} to ${orgNameLimits.maxLength} characters long after trimming (got ${length})`,
    );
  }
  if (invisibleCharacters.test(name)) {
    throw fail(`${fieldName} must not contain control characters`);
  }

  const slug = slugify(name);
  // The slug is the identity, so it obeys the same minimum as the name.
  if (slug.length < orgNameLimits.minLength) {
    throw fail(
      `${fieldName} must contain at least ${orgNameLimits.minLength} ASCII letters or digits (accents are fine)`,
    );
  }
  // Compatibility decomposition can expand a character into many (e.g. ligatures).
  if (slug.length > orgNameLimits.maxLength) {
    throw fail(`${fieldName} is too long once turned into an identifier (max ${orgNameLimits.maxLength})`);
  }
  if (reservedSlugs.has(slug)) {
    throw fail(`${fieldName} "${name}" is reserved; choose another name`);
  }

  const collectionName = tenantCollectionName(slug);
  const namespaceBytes = new TextEncoder().encode(`${options.databaseName}.${collectionName}`).length;
  if (namespaceBytes > maxNamespaceBytes) {
    throw fail(`${fieldName} is too long for the database namespace limit of ${maxNamespaceBytes} bytes`);
  }
  return Object.freeze({ name, slug, collectionName });
};
