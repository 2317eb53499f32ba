// The bench's arithmetic and its command line.
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/options.js';
import { figure, ratios } from '../../../bench/stats.js';

describe('figure', () => {
  it('is the median with the spread, runs kept in their order', () => {
    expect(figure([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: [3, 1, 2] });
    expect(figure([4, 1, 3, 2]).median).toBe(2.5);
    expect(() => figure([])).toThrow(RangeError);
  });

  it('pairs runs for ratios', () => {
    expect(ratios([2, 9], [1, 3])).toEqual([2, 3]);
  });
});

describe('bench options', () => {
  it("defaults to the issue's sizes: 2-minute live runs and a 60 s rate window", () => {
    expect(parseOptions([])).toMatchObject({
      sections: ['generate', 'null', 'engine', 'live'],
      generateRuns: 5,
      runs: 3,
      liveSeconds: 120,
      rateSeconds: 60,
    });
  });

  it('--quick shrinks everything; flags override', () => {
    const quick = parseOptions(['--quick', '--only', 'live,null', '--runs', '2']);
    expect(quick).toMatchObject({ sections: ['live', 'null'], runs: 2, generateRuns: 2, liveSeconds: 20, rateSeconds: 13 });
    expect(quick.nullEvents).toBeLessThan(parseOptions([]).nullEvents);
    expect(parseOptions(['--engine-url', 'http://127.0.0.1:9200']).engineUrl).toBe('http://127.0.0.1:9200');
  });

  it('refuses unknown sections and flags, and live runs too short for a rate window', () => {
    expect(() => parseOptions(['--only', 'generate,disk'])).toThrow(/unknown section 'disk'/);
    expect(() => parseOptions(['--fast'])).toThrow(/unknown flag '--fast'/);
    expect(() => parseOptions(['--runs', '0'])).toThrow(/--runs needs a positive integer/);
    expect(() => parseOptions(['--live-seconds', '5'])).toThrow(/at least 12/);
  });
});
