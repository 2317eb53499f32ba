import { describe, expect, it } from 'vitest';
import { exchangeMessageId, exchangeMessageIdOf, guid, guidOf, guidWords, hex8Upper, messageIdWords } from '../../../src/sim/ids.js';
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
    expect(exchangeMessageId(rng, 'EXCH01.contoso.com')).toMatch(/^<[0-9A-F]{32}@EXCH01\.contoso\.com>$/);
    expect(hex8Upper(0x08dc1db1)).toBe('08DC1DB1');
  });

  it('gives back the words of a GUID and a Message-ID, which rebuild the same strings', () => {
    const rng = new Rng('ids', 'words');
    const words = new Uint32Array(8);
    for (let i = 0; i < 5_000; i++) {
      const g = guid(rng);
      const id = exchangeMessageId(rng, 'EXCH02.contoso.com');
      guidWords(g, words, 0);
      messageIdWords(id, words, 4);
      expect(guidOf(words[0], words[1], words[2], words[3])).toBe(g);
      expect(exchangeMessageIdOf(words[4], words[5], words[6], words[7], 'EXCH02.contoso.com')).toBe(id);
    }
    // Extremes of each word: all zero bits and all one bits.
    expect(guidOf(0, 0, 0, 0)).toBe('00000000-0000-0000-0000-000000000000');
    guidWords('ffffffff-ffff-ffff-ffff-ffffffffffff', words, 0);
    expect([...words.subarray(0, 4)]).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
  });
});
