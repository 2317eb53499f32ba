import { describe, expect, it } from 'vitest';
import { cumulate, pickCumulative, Rng } from '../../../src/sim/rng.js';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Rng', () => {
  it('repeats the same stream for the same seed and concern', () => {
    expect(draws(new Rng('s1', 'content'), 50)).toEqual(draws(new Rng('s1', 'content'), 50));
  });

  it('gives different streams to different seeds and to different concerns', () => {
    const base = draws(new Rng('s1', 'content'), 20);
    expect(draws(new Rng('s2', 'content'), 20)).not.toEqual(base);
    expect(draws(new Rng('s1', 'timing'), 20)).not.toEqual(base);
  });

  it('keeps concerns independent: drawing from one does not shift another', () => {
    const a = new Rng('s1', 'content');
    const b = new Rng('s1', 'timing');
    draws(a, 1000);
    expect(draws(b, 20)).toEqual(draws(new Rng('s1', 'timing'), 20));
  });

  it('draws integers, ranges and uint32 within bounds', () => {
    const rng = new Rng('bounds', 'x');
    const ints = new Set<number>();
    const ranged = new Set<number>();
    let uintOk = true;
    for (let i = 0; i < 10_000; i++) {
      ints.add(rng.int(7));
      ranged.add(rng.between(-2, 3));
      const u = rng.uint32();
      uintOk &&= Number.isInteger(u) && u >= 0 && u <= 0xffffffff;
    }
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...ranged].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(uintOk).toBe(true);
  });

  it('has the right exponential and normal moments', () => {
    const rng = new Rng('moments', 'x');
    const n = 100_000;
    let exp = 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      exp += rng.exponential(5);
      const z = rng.normal();
      sum += z;
      sq += z * z;
    }
    expect(exp / n).toBeCloseTo(5, 1);
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sq / n).toBeCloseTo(1, 1);
  });

  it('picks by cumulative weight in proportion to the weights', () => {
    const rng = new Rng('weights', 'x');
    const cumulative = cumulate([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pickCumulative(rng, cumulative)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
  });
});
