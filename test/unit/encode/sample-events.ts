/**
 * Events to run the encoder checks over: the hand-built fixtures (all 16 event-ids) plus, once the
 * simulation exists, a few thousand simulated ones with default-like settings and a fixed seed.
 */

import { existsSync } from 'node:fs';
import type { TrackingEvent } from '../../../src/sim/event.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';

export const ORG = {
  hostname: 'EXCH01',
  domain: 'contoso.com',
  serverIp: '10.0.1.10',
  dagName: 'DAG01',
  servers: 3,
  users: 300,
  groups: 20,
  externalDomains: 40,
};

const SIMULATION = new URL('../../../src/sim/simulation.ts', import.meta.url);

interface Simulation {
  next(): TrackingEvent;
}
type CreateSimulation = (opts: object) => Simulation;

/** `count` simulated events, or [] while src/sim/simulation.ts does not exist yet. */
export async function simulatedEvents(count: number): Promise<TrackingEvent[]> {
  if (!existsSync(SIMULATION)) return [];
  const { createSimulation } = (await import(SIMULATION.href)) as { createSimulation: CreateSimulation };
  const sim = createSimulation({ seed: 'encode-tests', start: Date.parse('2026-02-23T08:00:00.000Z'), eps: 20, profile: 'flat', org: ORG });
  return Array.from({ length: count }, () => sim.next());
}

export async function sampleEvents(simulated = 3000): Promise<readonly TrackingEvent[]> {
  return [...FIXTURE_EVENTS, ...(await simulatedEvents(simulated))];
}
