/**
 * A long, time-ordered stream built from the hand-made fixtures (all 16 event-ids, quoting and
 * non-ASCII edge cases): event i is fixture i mod 17 at `start + i * stepMs`, with its own log-id
 * so every line can be found again.
 */

import type { TrackingEvent } from '../../../../src/sim/event.js';
import { FIXTURE_EVENTS } from '../../../fixtures/events.js';

export function manyEvents(count: number, start: number, stepMs: number): TrackingEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    ...FIXTURE_EVENTS[i % FIXTURE_EVENTS.length],
    seq: i,
    ts: start + i * stepMs,
    logId: '00000000-0000-4000-8000-' + i.toString(16).padStart(12, '0'),
  }));
}
