import { describe, expect, it } from 'vitest';

import { limitPasswordHasher } from './limit-password-hasher.js';
import type { PasswordHasher } from './password.js';

describe('limitPasswordHasher', () => {
  it('runs at most max operations at once and all of them eventually', async () => {
    let active = 0;
    let peak = 0;
    const slow: PasswordHasher = {
      hash: async (password) => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return `h:${password}`;
      },
      verify: async () => {
        throw new Error('boom');
      },
    };
    const limited = limitPasswordHasher(slow, 2);
    const hashes = await Promise.all(Array.from({ length: 7 }, (_, i) => limited.hash(String(i))));
    expect(hashes).toEqual(['h:0', 'h:1', 'h:2', 'h:3', 'h:4', 'h:5', 'h:6']);
    expect(peak).toBe(2);
    // A failing operation gives its slot back.
    await expect(
      Promise.all([limited.verify('a', 'b'), limited.verify('a', 'b'), limited.verify('a', 'b')]),
    ).rejects.toThrow('boom');
    expect(await limited.hash('after')).toBe('h:after');
  });
});
