import { describe, expect, it } from 'vitest';
import { jsonString } from '../../../src/encode/json-string.js';

describe('jsonString', () => {
  it('is JSON.stringify for every BMP code unit, surrogate pairs and lone surrogates', () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = 'a' + String.fromCharCode(c) + 'b';
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
    for (const s of ['', 'plain', '📬 mail', '\ud83d', 'x\udc00', 'Zürich "quoted" \\ path\n']) {
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
  });
});
