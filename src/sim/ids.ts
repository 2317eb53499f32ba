import type { Rng } from './rng.js';

/** Two lower-case hex digits for each byte value: GUIDs are built from lookups, not toString(16). */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex32(v: number): string {
  return HEX[v >>> 24] + HEX[(v >>> 16) & 255] + HEX[(v >>> 8) & 255] + HEX[v & 255];
}

let touched = 0;

/**
 * `s` stored as one flat run of characters. V8 keeps a concatenation as a tree of its parts
 * until something reads it: a GUID built from its 20 parts takes 420 B that way against 69 B
 * flat, and a message keeps its ids for its whole life (up to 40 minutes when deferred).
 * Reading a character flattens the string in place; the read goes to a module variable so the
 * compiler cannot drop it.
 */
export function flat(s: string): string {
  touched ^= s.charCodeAt(0);
  return s;
}

/** A random (version 4 layout) GUID such as Exchange writes in log-id and network-message-id. */
export function guid(rng: Rng): string {
  const a = rng.uint32();
  const b = rng.uint32();
  const c = rng.uint32();
  const d = rng.uint32();
  // Version nibble 4, variant bits 10.
  return guidOf(a, ((b & 0xffff0fff) | 0x4000) >>> 0, ((c & 0x3fffffff) | 0x80000000) >>> 0, d);
}

/** The GUID of four 32-bit words, in its 8-4-4-4-12 form. */
export function guidOf(a: number, b: number, c: number, d: number): string {
  return flat(
    hex32(a) +
    '-' +
    HEX[b >>> 24] +
    HEX[(b >>> 16) & 255] +
    '-' +
    HEX[(b >>> 8) & 255] +
    HEX[b & 255] +
    '-' +
    HEX[c >>> 24] +
    HEX[(c >>> 16) & 255] +
    '-' +
    HEX[(c >>> 8) & 255] +
    HEX[c & 255] +
    hex32(d)
  );
}

/** Exchange's own Message-ID format: `<hex@server.fqdn>`, 32 upper-case hex digits. */
export function exchangeMessageId(rng: Rng, serverFqdn: string): string {
  return exchangeMessageIdOf(rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32(), serverFqdn);
}

/** The Message-ID of four 32-bit words generated on a server. */
export function exchangeMessageIdOf(a: number, b: number, c: number, d: number, serverFqdn: string): string {
  return flat('<' + (hex32(a) + hex32(b) + hex32(c) + hex32(d)).toUpperCase() + '@' + serverFqdn + '>');
}

/** The value of `digits` hex digits of `s` from `at` (either case). */
function hexAt(s: string, at: number, digits: number): number {
  let v = 0;
  for (let i = at; i < at + digits; i++) {
    const c = s.charCodeAt(i);
    v = v * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return v;
}

/** The four words of a GUID (what guidOf was given), into `out` from `o`. */
export function guidWords(g: string, out: Uint32Array, o: number): void {
  out[o] = hexAt(g, 0, 8);
  out[o + 1] = hexAt(g, 9, 4) * 0x10000 + hexAt(g, 14, 4);
  out[o + 2] = hexAt(g, 19, 4) * 0x10000 + hexAt(g, 24, 4);
  out[o + 3] = hexAt(g, 28, 8);
}

/** The four words of an exchangeMessageId, into `out` from `o`. */
export function messageIdWords(id: string, out: Uint32Array, o: number): void {
  for (let k = 0; k < 4; k++) out[o + k] = hexAt(id, 1 + 8 * k, 8);
}

/** Upper-case 8-digit hex of a 32-bit value (SMTP session ids). */
export function hex8Upper(v: number): string {
  return hex32(v).toUpperCase();
}
