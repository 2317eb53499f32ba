import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulation } from '../../src/sim/simulation.js';
import { MONDAY, simSettings, simulate } from '../unit/sim/sim-fixture.js';

const N = 30_000;

describe('determinism', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives identical events for the same seed and settings', () => {
    expect(JSON.stringify(simulate(simSettings(), N))).toBe(JSON.stringify(simulate(simSettings(), N)));
  });

  it('gives different events for another seed', () => {
    const a = simulate(simSettings(), 1_000);
    const b = simulate(simSettings({ seed: 'another' }), 1_000);
    expect(a.map((e) => e.messageId)).not.toEqual(b.map((e) => e.messageId));
    expect(a.map((e) => e.ts)).not.toEqual(b.map((e) => e.ts));
  });

  it('uses neither Math.random nor the wall clock', () => {
    const trap = () => {
      throw new Error('nondeterministic source used');
    };
    vi.spyOn(Math, 'random').mockImplementation(trap);
    vi.spyOn(Date, 'now').mockImplementation(trap);
    vi.spyOn(performance, 'now').mockImplementation(trap);
    expect(simulate(simSettings(), 5_000)).toHaveLength(5_000);
  });

  it('announces with peekTs the timestamp next() returns, without consuming it', () => {
    const sim = createSimulation(simSettings());
    for (let i = 0; i < 5_000; i++) {
      const ts = sim.peekTs();
      expect(sim.peekTs()).toBe(ts);
      const e = sim.next();
      if (e.ts !== ts) throw new Error(`peekTs ${ts} but next() ${e.ts} at ${i}`);
    }
  });

  it('can start from any simulated instant', () => {
    const start = Date.UTC(2031, 6, 14, 13, 37, 0, 123);
    const events = simulate(simSettings({ start }), 2_000);
    expect(events[0].ts).toBeGreaterThanOrEqual(start);
    expect(events[0].ts - start).toBeLessThan(60_000);
    expect(events[0].seq).toBe(0);
    expect(simulate(simSettings({ start: MONDAY }), 10)[0].ts).toBeLessThan(start);
  });
});
