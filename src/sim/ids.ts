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
  return flat(
    hex32(a) +
    '-' +
    HEX[b >>> 24] +
    HEX[(b >>> 16) & 255] +
    '-4' +
    HEX[(b >>> 8) & 255].charAt(1) +
    HEX[b & 255] +
    '-' +
    HEX[0x80 | ((c >>> 24) & 0x3f)] +
    HEX[(c >>> 16) & 255] +
    '-' +
    HEX[(c >>> 8) & 255] +
    HEX[c & 255] +
    hex32(d)
  );
}

/** 32 upper-case hex digits, the local part of the Message-IDs Exchange generates. */
export function hexId(rng: Rng): string {
  return (hex32(rng.uint32()) + hex32(rng.uint32()) + hex32(rng.uint32()) + hex32(rng.uint32())).toUpperCase();
}

/** Exchange's own Message-ID format: `<hex@server.fqdn>`. */
export function exchangeMessageId(rng: Rng, serverFqdn: string): string {
  return flat('<' + hexId(rng) + '@' + serverFqdn + '>');
}

/** Upper-case 8-digit hex of a 32-bit value (SMTP session ids). */
export function hex8Upper(v: number): string {
  return hex32(v).toUpperCase();
}
