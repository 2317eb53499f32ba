/**
 * Encoding throughput against the reference issue 2 sets: `JSON.stringify` of the very same ECS
 * documents, already built as objects (JSON.parse of our output), written the same way.
 *
 * "Written the same way": every encoder appends `line + "\n"` to a chunk that is turned into a
 * Buffer every 64 KiB, as a stream sink would, so UTF-8 conversion costs the same on both sides.
 * Each side runs one warm-up pass and then `rounds` timed passes; the fastest pass counts (the
 * least disturbed by GC and the other core's load).
 */

import { createEcsEncoder } from '../src/encode/ecs.js';
import { encodeCsvLine } from '../src/encode/exchange-csv.js';
import type { TrackingEvent } from '../src/sim/event.js';

export interface EncodeBench {
  ecsNsPerEvent: number;
  csvNsPerEvent: number;
  jsonStringifyNsPerEvent: number;
  ecsBytesPerSec: number;
  csvBytesPerSec: number;
  stringifyBytesPerSec: number;
}

const CHUNK_CHARS = 64 * 1024;

interface Pass {
  ns: number;
  bytes: number;
}

/** One pass of `encode` over `items`, writing lines into 64 KiB buffers. */
function pass<T>(items: readonly T[], encode: (item: T) => string): Pass {
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  let chunk = '';
  for (let i = 0; i < items.length; i++) {
    chunk += encode(items[i]) + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      bytes += Buffer.from(chunk).length;
      chunk = '';
    }
  }
  bytes += Buffer.from(chunk).length;
  return { ns: Number(process.hrtime.bigint() - t0), bytes };
}

function fastest<T>(items: readonly T[], encode: (item: T) => string, rounds: number): Pass {
  pass(items, encode);
  let best = pass(items, encode);
  for (let r = 1; r < rounds; r++) {
    const p = pass(items, encode);
    if (p.ns < best.ns) best = p;
  }
  return best;
}

export function benchEncode(events: TrackingEvent[], rounds = 5): EncodeBench {
  const ecs = createEcsEncoder({
    namespace: 'default',
    agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    agentVersion: '8.17.0',
    hostname: 'EXCH01',
  });
  const docs: object[] = events.map((ev) => JSON.parse(ecs(ev)) as object);

  const e = fastest(events, ecs, rounds);
  const c = fastest(events, encodeCsvLine, rounds);
  const j = fastest(docs, JSON.stringify, rounds);
  const n = events.length;
  return {
    ecsNsPerEvent: e.ns / n,
    csvNsPerEvent: c.ns / n,
    jsonStringifyNsPerEvent: j.ns / n,
    ecsBytesPerSec: (e.bytes * 1e9) / e.ns,
    csvBytesPerSec: (c.bytes * 1e9) / c.ns,
    stringifyBytesPerSec: (j.bytes * 1e9) / j.ns,
  };
}
