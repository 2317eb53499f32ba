import { describe, expect, it } from 'vitest';
import { abortableSleep, createBackoff } from '../../../../src/sinks/elasticsearch/backoff.js';

describe('createBackoff', () => {
  it('doubles the ceiling from 1 s up to 60 s (random at its top)', () => {
    const top = createBackoff({ random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50, 5000].map((n) => Math.round(top.delay(n) / 1000))).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it('draws uniformly from zero to the ceiling (full jitter)', () => {
    const zero = createBackoff({ random: () => 0 });
    const half = createBackoff({ random: () => 0.5 });
    expect(zero.delay(6)).toBe(0);
    expect(half.delay(3)).toBe(4_000);
    expect(half.delay(10)).toBe(30_000);
  });

  it('takes other bounds and rejects inverted ones', () => {
    expect(createBackoff({ initialMs: 10, maxMs: 35, random: () => 0.999999 }).delay(5)).toBe(34);
    expect(() => createBackoff({ initialMs: 100, maxMs: 10 })).toThrow(RangeError);
  });

  it('uses the injected sleep', async () => {
    const slept: number[] = [];
    const b = createBackoff({ sleep: async (ms) => void slept.push(ms) });
    await b.sleep(1234);
    expect(slept).toEqual([1234]);
  });
});

describe('abortableSleep', () => {
  it('ends early when aborted, and at once when already aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(10_000, ac.signal);
    setTimeout(() => ac.abort(), 20);
    await sleeping;
    expect(Date.now() - started).toBeLessThan(2_000);
    await abortableSleep(10_000, ac.signal);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('waits the time when not aborted', async () => {
    const started = performance.now();
    await abortableSleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});
