import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/sim/rng.js';
import { addressIn, COUNTRIES, countryByCode, inCountry } from '../../../../src/sim/world/geo.js';

describe('country address blocks', () => {
  it('draws public addresses inside the country block, never .0 or .255', () => {
    const rng = new Rng('geo', 'x');
    for (const c of COUNTRIES) {
      for (let i = 0; i < 500; i++) {
        const ip = addressIn(rng, c);
        expect(inCountry(ip, c)).toBe(true);
        const last = Number(ip.split('.')[3]);
        expect(last > 0 && last < 255).toBe(true);
      }
    }
  });

  it('has disjoint blocks, so an address identifies one country', () => {
    for (const a of COUNTRIES) {
      for (const b of COUNTRIES) {
        if (a === b) continue;
        expect(a.base + a.size <= b.base || b.base + b.size <= a.base).toBe(true);
      }
    }
  });

  it('keeps out of private and reserved ranges', () => {
    const rng = new Rng('geo', 'private');
    for (const c of COUNTRIES) {
      const first = Number(addressIn(rng, c).split('.')[0]);
      expect([0, 10, 100, 127, 169, 172, 192, 198, 224]).not.toContain(first);
    }
  });

  it('looks countries up by code', () => {
    expect(countryByCode('DE')?.tld).toBe('de');
    expect(countryByCode('XX')).toBeUndefined();
  });
});
