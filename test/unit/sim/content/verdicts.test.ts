import { describe, expect, it } from 'vitest';
import { inboundVerdict, originatingCustomData } from '../../../../src/sim/content/verdicts.js';
import type { Category } from '../../../../src/sim/content/subjects.js';
import { Rng } from '../../../../src/sim/rng.js';

const CATEGORIES: Category[] = ['business', 'automated', 'newsletter', 'spam', 'phishing'];

function field(customData: string, name: string): string | undefined {
  return customData.split(/[|;]/).find((p) => p.startsWith(name + '='))?.slice(name.length + 1);
}

describe('inboundVerdict', () => {
  it('is coherent: SPM only with SCL >= 5, drop exactly at SCL 9, CTRY the sending country', () => {
    const rng = new Rng('verdicts', 'fate');
    for (const category of CATEGORIES) {
      for (const trusted of [false, true]) {
        for (let i = 0; i < 400; i++) {
          const v = inboundVerdict(rng, category, trusted, 'DE');
          const scl = Number(field(v.customData, 'SCL'));
          expect(scl).toBe(v.scl);
          expect(field(v.customData, 'CTRY')).toBe('DE');
          for (const key of ['SFV', 'IPV', 'BCL']) expect(field(v.customData, key)).toBeDefined();
          if (field(v.customData, 'SFV') === 'SPM') expect(scl).toBeGreaterThanOrEqual(5);
          expect(v.drop).toBe(scl === 9);
        }
      }
    }
  });

  it('drops only spam and phishing; phishing always, spam sometimes', () => {
    const rng = new Rng('drops', 'fate');
    const dropped = (category: Category) => {
      let n = 0;
      for (let i = 0; i < 2000; i++) if (inboundVerdict(rng, category, false, 'US').drop) n++;
      return n / 2000;
    };
    expect(dropped('phishing')).toBe(1);
    expect(dropped('spam')).toBeGreaterThan(0.3);
    expect(dropped('spam')).toBeLessThan(0.7);
    for (const c of ['business', 'automated', 'newsletter'] as const) expect(dropped(c)).toBe(0);
  });

  it('gives allow-listed senders SCL -1 and spam a high SCL', () => {
    const rng = new Rng('trusted', 'fate');
    for (let i = 0; i < 200; i++) {
      expect(inboundVerdict(rng, 'business', true, 'GB').scl).toBe(-1);
      expect(inboundVerdict(rng, 'spam', false, 'RU').scl).toBeGreaterThanOrEqual(5);
      expect(inboundVerdict(rng, 'phishing', false, 'RU').customData).toContain('CAT=PHSH');
    }
  });
});

describe('originatingCustomData', () => {
  it('marks authenticated mail as skipped (SCL -1) and applies the disclaimer rule to Internet mail', () => {
    expect(originatingCustomData(false, 'r1')).toContain('SCL=-1|SFV=SKN');
    expect(originatingCustomData(false, 'r1')).not.toContain('TRA=ETR');
    expect(originatingCustomData(true, 'r1')).toContain('TRA=ETR|ruleId=r1');
  });
});
