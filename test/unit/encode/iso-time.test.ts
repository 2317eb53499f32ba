import { describe, expect, it } from 'vitest';
import { createIsoFormatter } from '../../../src/encode/iso-time.js';

describe('createIsoFormatter', () => {
  it('agrees with Date#toISOString in and out of order, across days, years and 1970', () => {
    const iso = createIsoFormatter();
    const samples = [0, -1, -86_400_000, 1, 86_399_999, 86_400_000, Date.parse('2024-02-29T23:59:59.999Z'), Date.parse('2026-12-31T23:59:59.999Z')];
    // Fixed-seed LCG over 1950..2100: both directions, so the day cache is exercised and invalidated.
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      samples.push(-631_152_000_000 + Math.floor((x / 2 ** 31) * 4_733_510_400_000));
      samples.push(samples[samples.length - 1] + (x % 5000));
    }
    for (const ms of samples) expect(iso(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('truncates fractional milliseconds as Date does', () => {
    const iso = createIsoFormatter();
    expect(iso(1_771_779_976_123.9)).toBe('2026-02-22T17:06:16.123Z');
  });
});
