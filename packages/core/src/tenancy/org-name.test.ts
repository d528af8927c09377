import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import { normalizeOrgName, slugify } from './org-name.js';

const databaseName = 'orgsphere_master';
const normalize = (name: string) => normalizeOrgName(name, { databaseName });

const rejection = (name: string, db = databaseName): AppError => {
  try {
    normalizeOrgName(name, { databaseName: db });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected "${name}" to be rejected`);
};

describe('normalizeOrgName', () => {
  it('trims, collapses whitespace and derives slug and collection', () => {
    expect(normalize('  Acme   Corp ')).toEqual({
      name: 'Acme Corp',
      slug: 'acme_corp',
      collectionName: 'org_acme_corp',
    });
  });

  it('answers a repeated name the same way, and keeps refusing an invalid one (only valid names are remembered)', () => {
    const first = normalize(' Repeat   Name ');
    expect(normalize(' Repeat   Name ')).toEqual(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(rejection('x').details).toEqual(rejection('x').details);
    // The database name is part of the input: the namespace limit depends on it.
    const longName = 'n'.repeat(60);
    expect(normalize(longName).slug).toBe(longName);
    expect(rejection(longName, 'd'.repeat(200)).code).toBe('ORG_NAME_INVALID');
  });

  it('gives "Acme Corp", "acme_corp" and "ACME-corp!" the same identity', () => {
    const slugs = ['Acme Corp', 'acme_corp', 'ACME-corp!', 'acme__corp'].map((name) => normalize(name).slug);
    expect(new Set(slugs)).toEqual(new Set(['acme_corp']));
  });

  it('folds accents into ASCII', () => {
    expect(normalize('Café Société').slug).toBe('cafe_societe');
  });

  it('rejects names outside 2..64 characters after trimming, naming the field', () => {
    for (const name of ['', ' ', 'a', '  b  ', 'x'.repeat(65)]) {
      const error = rejection(name);
      expect(error.code).toBe('ORG_NAME_INVALID');
      expect(error.details.field).toBe('organization_name');
      expect(error.message).toContain('organization_name');
    }
    expect(normalize('ab').slug).toBe('ab');
    expect(normalize('x'.repeat(64)).slug).toHaveLength(64);
  });

  it('rejects names without any ASCII letter or digit', () => {
    for (const name of ['!!', '日本語', '—— ——', '__']) {
      expect(rejection(name).code).toBe('ORG_NAME_INVALID');
    }
  });

  it('rejects control characters', () => {
    expect(rejection('Acme\u0000Corp').message).toContain('control characters');
    expect(rejection('Acme\u202eCorp').code).toBe('ORG_NAME_INVALID');
  });

  it('rejects reserved names', () => {
    for (const name of ['admin', 'System', 'CONFIG', 'null']) {
      expect(rejection(name).message).toContain('reserved');
    }
  });

  it('rejects names whose slug expands past the limit', () => {
    // U+FDFA decomposes into 18 letters under NFKD.
    expect(rejection('\uFDFA'.repeat(5)).code).toBe('ORG_NAME_INVALID');
  });

  it('rejects names that overflow the namespace limit of a long database name', () => {
    expect(rejection('x'.repeat(64), 'd'.repeat(200)).message).toContain('namespace');
  });

  it('uses the given field name in messages', () => {
    try {
      normalizeOrgName('a', { databaseName, field: 'new_organization_name' });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).details.field).toBe('new_organization_name');
    }
  });
});

describe('slugify', () => {
  it('is idempotent', () => {
    for (const text of ['Acme Corp', 'Café', '  a--b  ', 'Ωmega 42']) {
      expect(slugify(slugify(text))).toBe(slugify(text));
    }
  });
});
