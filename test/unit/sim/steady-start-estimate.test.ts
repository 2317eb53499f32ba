import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG, steadyStartMs, type SimulationSettings } from '../../../src/sim/simulation.js';

const base: SimulationSettings = {
  seed: 'estimate',
  start: Date.parse('2026-02-25T14:00:00Z'), // a Wednesday afternoon: business hours
  eps: 2_000,
  profile: 'flat',
  org: DEFAULT_ORG,
  steadyStart: true,
};

describe('steadyStartMs', () => {
  it('grows with the rate at the start, from the pilot timed on this machine', () => {
    const low = steadyStartMs(base);
    expect(low).toBeGreaterThan(0);
    // Same seed and organisation: the pilot ran once, so only the rate differs.
    expect(steadyStartMs({ ...base, eps: 20_000 })).toBeCloseTo(10 * low, 6);
    // business-week is busier than its mean on a weekday afternoon, quieter on a Sunday night.
    expect(steadyStartMs({ ...base, profile: 'business-week' })).toBeGreaterThan(low);
    expect(steadyStartMs({ ...base, profile: 'business-week', start: Date.parse('2026-03-01T03:00:00Z') })).toBeLessThan(low);
  }, 30_000);

  it('is 0 for a cold start, which simulates no history', () => {
    expect(steadyStartMs({ ...base, steadyStart: false })).toBe(0);
  });
});
