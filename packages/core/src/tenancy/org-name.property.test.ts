import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AppError } from '../errors.js';
import { normalizeOrgName, type NormalizedOrgName } from './org-name.js';

const databaseName = 'orgsphere_master';
const normalize = (name: string) => normalizeOrgName(name, { databaseName });

/** Either a normalized name or the refusal; anything else (a crash) fails the property. */
const attempt = (name: string): NormalizedOrgName | AppError => {
  try {
    return normalize(name);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ORG_NAME_INVALID') return error;
    throw error;
  }
};

// Names as people type them: letters (some accented or non-Latin), digits, spaces and punctuation.
const typedName = fc.string({
  unit: fc.constantFrom(...'abcXYZéÉüß日本 _-.,!$\t0123456789'.split('')),
  maxLength: 80,
});
const anyText = fc.string({ unit: 'grapheme', maxLength: 90 });
const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const separator = fc.stringMatching(/^[ _\-.,!/]{1,3}$/);
const randomCase = (text: string, flips: boolean[]) =>
  [...text].map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char)).join('');

describe('organization name normalisation (properties)', () => {
  it('never crashes and never yields an invalid collection name', () => {
    fc.assert(
      fc.property(fc.oneof(typedName, anyText), (name) => {
        const result = attempt(name);
        if (result instanceof AppError) return;
        expect(result.collectionName).toMatch(/^org_[a-z0-9]+(_[a-z0-9]+)*$/);
        expect(result.collectionName).toBe(`org_${result.slug}`);
        expect(result.slug.length).toBeLessThanOrEqual(64);
        expect(new TextEncoder().encode(`${databaseName}.${result.collectionName}`).length).toBeLessThanOrEqual(255);
        expect([...result.name].length).toBeGreaterThanOrEqual(2);
        expect([...result.name].length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is idempotent: normalising the normalised name changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(typedName, anyText), (name) => {
        const first = attempt(name);
        if (first instanceof AppError) return;
        expect(normalize(first.name)).toEqual(first);
        expect(normalize(first.slug).slug).toBe(first.slug);
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the same slug to every spelling of the same words (case, separators, padding)', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.array(separator, { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
        fc.stringMatching(/^ {0,3}$/),
        (words, separators, flips, padding) => {
          const canonical = words.join('_');
          fc.pre(
            canonical.length >= 2 && !['admin', 'system', 'config', 'null', 'root', 'local', 'api'].includes(canonical),
          );
          const spelled =
            padding + words.map((w, i) => (i === 0 ? '' : separators[i - 1]) + randomCase(w, flips)).join('') + padding;
          const result = attempt(spelled);
          if (result instanceof AppError) return; // reserved or too long: refused for every spelling alike
          expect(result.slug).toBe(canonical);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('gives different slugs to names whose words differ', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.array(word, { minLength: 1, maxLength: 4 }),
        (a, b) => {
          fc.pre(a.join('_') !== b.join('_'));
          const first = attempt(a.join(' '));
          const second = attempt(b.join(' '));
          if (first instanceof AppError || second instanceof AppError) return;
          expect(first.slug).not.toBe(second.slug);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
