/**
 * Bulk API lines for one event: the `create` action (data streams accept only `create`) and the
 * document, NDJSON (shared/docs/elasticsearch.md).
 *
 * Document ids are derived from the run's seed, the stream's start instant and the event's
 * position, so a retried request can never index a document twice: the second `create` of the
 * same id answers 409, which the sink counts as a duplicate.
 */

import { createHash } from 'node:crypto';
import type { TrackingEvent } from '../sim/event.js';

/**
 * `_id` for the event at position `seq`: 22 base64url characters of a 128-bit hash of seed and
 * start (fixed length, so the concatenation is unambiguous) followed by `seq` in base 36.
 * Distinct for distinct positions of one stream; streams collide only if their hashes do (2^-128).
 */
export function createDocId(seed: string, start: number): (seq: number) => string {
  const prefix = createHash('sha256')
    .update(seed + '\0' + start)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
  return (seq: number): string => prefix + seq.toString(36);
}

const AUTO_ID_ACTION = '{"create":{}}\n';

export function createBulkEncoder(opts: {
  encodeDoc: (ev: TrackingEvent) => string;
  docId?: (seq: number) => string;
}): (ev: TrackingEvent) => string {
  const { encodeDoc, docId } = opts;
  if (docId === undefined) return (ev: TrackingEvent): string => AUTO_ID_ACTION + encodeDoc(ev) + '\n';
  // base64url and base 36 need no JSON escaping.
  return (ev: TrackingEvent): string => '{"create":{"_id":"' + docId(ev.seq) + '"}}\n' + encodeDoc(ev) + '\n';
}
