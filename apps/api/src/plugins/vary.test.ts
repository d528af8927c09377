import { describe, expect, it } from 'vitest';

import { varyWith } from './vary.js';

describe('varyWith', () => {
  it('starts a Vary value, and adds only the fields not listed yet, in any case', () => {
    expect(varyWith(undefined, 'Origin')).toBe('Origin');
    expect(varyWith('', 'trpc-accept, accept')).toBe('trpc-accept, accept');
    expect(varyWith('Origin', 'trpc-accept, accept')).toBe('Origin, trpc-accept, accept');
    expect(varyWith('origin, Accept', 'Origin, trpc-accept, accept')).toBe('origin, Accept, trpc-accept');
    expect(varyWith(['Origin', 'Accept'], 'accept')).toBe('Origin, Accept');
  });

  it('keeps `*` alone and ignores empty fields', () => {
    expect(varyWith('*', 'Origin')).toBe('*');
    expect(varyWith('Origin', '')).toBe('Origin');
    expect(varyWith('Origin', ' , accept')).toBe('Origin, accept');
  });
});
