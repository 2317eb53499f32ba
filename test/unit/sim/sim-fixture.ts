import type { TrackingEvent } from '../../../src/sim/event.js';
import { createSimulation, DEFAULT_ORG, type OrgSettings, type SimulationSettings } from '../../../src/sim/simulation.js';

/** Monday 2026-02-23 00:00 UTC: fixed start of the simulated runs in tests. */
export const MONDAY = Date.UTC(2026, 1, 23);

/** Default settings (as the CLI has them) with a fixed seed and start, plus overrides. */
export function simSettings(
  overrides: Partial<Omit<SimulationSettings, 'org'>> = {},
  org: Partial<OrgSettings> = {},
): SimulationSettings {
  return { seed: 'msgtrack', start: MONDAY, eps: 20, profile: 'business-week', steadyStart: true, ...overrides, org: { ...DEFAULT_ORG, ...org } };
}

/** The first `n` events of a simulation with these settings. */
export function simulate(settings: SimulationSettings, n: number): TrackingEvent[] {
  const sim = createSimulation(settings);
  const out = new Array<TrackingEvent>(n);
  for (let i = 0; i < n; i++) out[i] = sim.next();
  return out;
}

/** The server that wrote the line: in SMTP lines towards a next hop that is the client side. */
export function loggingServer(e: TrackingEvent): string {
  return e.source === 'SMTP' && (e.eventId === 'SEND' || e.eventId === 'DEFER' || e.eventId === 'FAIL')
    ? (e.clientHostname as string)
    : e.serverHostname;
}

/** Events grouped by message-id, in emission order. */
export function byMessage(events: readonly TrackingEvent[]): Map<string, TrackingEvent[]> {
  const out = new Map<string, TrackingEvent[]>();
  for (const e of events) {
    const list = out.get(e.messageId);
    if (list === undefined) out.set(e.messageId, [e]);
    else list.push(e);
  }
  return out;
}
