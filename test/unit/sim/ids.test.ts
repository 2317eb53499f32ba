import { describe, expect, it } from 'vitest';
import { exchangeMessageId, guid, hex8Upper, hexId } from '../../../src/sim/ids.js';
import { Rng } from '../../../src/sim/rng.js';

describe('ids', () => {
  it('builds version-4 GUIDs, all distinct', () => {
    const rng = new Rng('ids', 'ids');
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const g = guid(rng);
      expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(g);
    }
    expect(seen.size).toBe(20_000);
  });

  it('builds Exchange-style Message-IDs and hex', () => {
    const rng = new Rng('ids', 'ids');
    expect(hexId(rng)).toMatch(/^[0-9A-F]{32}$/);
    expect(exchangeMessageId(rng, 'EXCH01.contoso.com')).toMatch(/^<[0-9A-F]{32}@EXCH01\.contoso\.com>$/);
    expect(hex8Upper(0x08dc1db1)).toBe('08DC1DB1');
  });
});
