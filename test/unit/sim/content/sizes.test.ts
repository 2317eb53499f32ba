import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, messageSize } from '../../../../src/sim/content/sizes.js';
import { subjectFor } from '../../../../src/sim/content/subjects.js';
import { Rng } from '../../../../src/sim/rng.js';

describe('messageSize', () => {
  it('is right-skewed with most business mail between 2 and 75 KB', () => {
    const rng = new Rng('sizes', 'content');
    const sizes = Array.from({ length: 50_000 }, () => messageSize(rng, 'business')).sort((a, b) => a - b);
    const inRange = sizes.filter((s) => s >= 2 * 1024 && s <= 75 * 1024).length / sizes.length;
    expect(inRange).toBeGreaterThan(0.8);
    const median = sizes[sizes.length >> 1];
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(median * 1.3);
    expect(sizes[sizes.length - 1]).toBeGreaterThan(500 * 1024);
  });

  it('never exceeds 25 MB nor goes below a minimal message', () => {
    const rng = new Rng('clamp', 'content');
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < 200_000; i++) {
      const s = messageSize(rng, 'business');
      if (s < min) min = s;
      if (s > max) max = s;
    }
    expect(min).toBeGreaterThanOrEqual(800);
    expect(max).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });

  it('makes newsletters larger than notifications', () => {
    const rng = new Rng('cats', 'content');
    const median = (c: 'newsletter' | 'automated') =>
      Array.from({ length: 5001 }, () => messageSize(rng, c)).sort((a, b) => a - b)[2500];
    expect(median('newsletter')).toBeGreaterThan(3 * median('automated'));
  });
});

describe('subjectFor', () => {
  it('draws from the category list', () => {
    const rng = new Rng('subjects', 'content');
    const phishing = new Set(Array.from({ length: 500 }, () => subjectFor(rng, 'phishing')));
    const business = new Set(Array.from({ length: 500 }, () => subjectFor(rng, 'business')));
    expect(phishing.size).toBeGreaterThan(5);
    for (const s of phishing) expect(business.has(s)).toBe(false);
  });
});
