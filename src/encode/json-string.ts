/**
 * A JSON string literal for `s`, identical to `JSON.stringify(s)`.
 *
 * Nearly every value we write (addresses, hostnames, subjects, GUIDs) needs no escaping, and a
 * char-code scan is cheaper than the generic serializer's call; only when a quote, backslash,
 * control character or surrogate (lone surrogates are escaped by JSON.stringify) shows up do we
 * hand the string to JSON.stringify. Same idea as pino's `asString` (lib/tools.js).
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}
