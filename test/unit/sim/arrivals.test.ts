import { describe, expect, it } from 'vitest';
import { Arrivals } from '../../../src/sim/arrivals.js';
import { Rng } from '../../../src/sim/rng.js';
import { profileFactor } from '../../../src/sim/traffic-profile.js';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 1, 23);

function countUntil(arrivals: Arrivals, end: number, bucketMs: number, start: number): number[] {
  const buckets: number[] = [];
  for (let t = arrivals.next(); t < end; t = arrivals.next()) {
    const b = Math.floor((t - start) / bucketMs);
    buckets[b] = (buckets[b] ?? 0) + 1;
  }
  return buckets;
}

describe('Arrivals', () => {
  it('produces a Poisson process at the requested rate on a flat profile', () => {
    const arrivals = new Arrivals(new Rng('flat', 'arrivals'), 50, 'flat', MONDAY);
    const [count] = countUntil(arrivals, MONDAY + 2 * HOUR, 2 * HOUR, MONDAY);
    // 360,000 expected: a few standard deviations (600) of slack.
    expect(Math.abs(count - 360_000)).toBeLessThan(3_000);
  });

  it('follows the business-week profile hour by hour', () => {
    const arrivals = new Arrivals(new Rng('week', 'arrivals'), 2, 'business-week', MONDAY);
    const perHour = countUntil(arrivals, MONDAY + 168 * HOUR, HOUR, MONDAY);
    let expectedTotal = 0;
    let total = 0;
    for (let h = 0; h < 168; h++) {
      // Mean of the piecewise-linear factor over the hour, by its two end knots.
      const expected = 2 * 3600 * (profileFactor('business-week', MONDAY + h * HOUR) + profileFactor('business-week', MONDAY + (h + 1) * HOUR)) / 2;
      expectedTotal += expected;
      total += perHour[h] ?? 0;
      expect(Math.abs((perHour[h] ?? 0) - expected)).toBeLessThan(5 * Math.sqrt(expected) + 5);
    }
    expect(Math.abs(total - expectedTotal) / expectedTotal).toBeLessThan(0.01);
  });

  it('starts at the given instant and moves forward', () => {
    const start = Date.UTC(2031, 5, 1, 12);
    const arrivals = new Arrivals(new Rng('start', 'arrivals'), 10, 'business-week', start);
    let last = start;
    for (let i = 0; i < 1000; i++) {
      const t = arrivals.next();
      expect(t).toBeGreaterThan(last);
      last = t;
    }
  });
});
