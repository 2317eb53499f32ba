import { describe, expect, it } from 'vitest';
import { profileFactor, profileMax } from '../../../src/sim/traffic-profile.js';

const HOUR = 3_600_000;
// Monday 2026-02-23 00:00 UTC.
const MONDAY = Date.UTC(2026, 1, 23);

describe('profileFactor', () => {
  it('is 1 everywhere for flat', () => {
    for (let h = 0; h < 168; h += 7) expect(profileFactor('flat', MONDAY + h * HOUR + 123)).toBe(1);
    expect(profileMax('flat')).toBe(1);
  });

  it('has mean 1 over a week for business-week', () => {
    const step = 60_000;
    let sum = 0;
    let n = 0;
    for (let t = MONDAY; t < MONDAY + 168 * HOUR; t += step) {
      sum += profileFactor('business-week', t);
      n++;
    }
    expect(sum / n).toBeCloseTo(1, 6);
  });

  it('peaks in weekday working hours and is quiet at night and on weekends', () => {
    const f = (dayOffset: number, hour: number) => profileFactor('business-week', MONDAY + (dayOffset * 24 + hour) * HOUR);
    expect(f(0, 10)).toBeGreaterThan(2.5); // Monday 10:00
    expect(f(2, 14)).toBeGreaterThan(2.5); // Wednesday 14:00
    expect(f(0, 3)).toBeLessThan(0.15); // Monday 03:00
    expect(f(5, 11)).toBeLessThan(0.4); // Saturday 11:00
    expect(f(6, 11)).toBeLessThan(0.4); // Sunday 11:00
    expect(f(0, 12)).toBeLessThan(f(0, 10)); // lunch dip
  });

  it('repeats weekly, is continuous and bounded by profileMax', () => {
    const max = profileMax('business-week');
    for (let t = MONDAY; t < MONDAY + 168 * HOUR; t += 997_000) {
      const v = profileFactor('business-week', t);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(max);
      expect(profileFactor('business-week', t + 7 * 24 * HOUR)).toBeCloseTo(v, 9);
      expect(Math.abs(profileFactor('business-week', t + 1000) - v)).toBeLessThan(0.01);
    }
  });
});
