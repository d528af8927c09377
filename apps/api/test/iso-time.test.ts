import { describe, expect, it } from 'vitest';

import { isoTime, isoTimeOrNull } from '../src/trpc/iso-time.js';

describe('isoTime', () => {
  it('writes what toISOString writes, first and later times, past the remembered set', () => {
    const start = Date.UTC(2026, 0, 1, 0, 0, 0, 7);
    for (let i = 0; i < 10_000; i += 1) {
      const date = new Date(start + i * 3_600_001);
      expect(isoTime(date)).toBe(date.toISOString());
      expect(isoTime(new Date(date.getTime()))).toBe(date.toISOString());
    }
  });

  it('sees a date changed in place', () => {
    const date = new Date(Date.UTC(2026, 5, 1));
    expect(isoTime(date)).toBe('2026-06-01T00:00:00.000Z');
    date.setUTCFullYear(2030);
    expect(isoTime(date)).toBe('2030-06-01T00:00:00.000Z');
  });

  it('refuses an invalid date as toISOString does, and maps absence to null', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(isoTimeOrNull(null)).toBeNull();
    expect(isoTimeOrNull(undefined)).toBeNull();
    expect(isoTimeOrNull(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
