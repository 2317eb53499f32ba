/**
 * Events to run the encoder checks over: the hand-built fixtures (all 16 event-ids, edge-case
 * values) plus simulated ones with the default organisation and a fixed seed.
 */

import type { TrackingEvent } from '../../../src/sim/event.js';
import { DEFAULT_ORG, createSimulation } from '../../../src/sim/simulation.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';

/** `count` simulated events of a fixed seed, starting on a Monday morning. */
export function simulatedEvents(count: number): TrackingEvent[] {
  const sim = createSimulation({ seed: 'encode-tests', start: Date.parse('2026-02-23T08:00:00.000Z'), eps: 20, profile: 'flat', steadyStart: true, org: DEFAULT_ORG });
  return Array.from({ length: count }, () => sim.next());
}

/** Fixtures then simulated events, renumbered as one stream (`seq` = position, for _ids). */
export function sampleEvents(simulated = 3000): readonly TrackingEvent[] {
  return [...FIXTURE_EVENTS, ...simulatedEvents(simulated)].map((ev, seq) => ({ ...ev, seq }));
}
