import { describe, expect, it } from 'vitest';
import { EVENT_IDS, type EventId } from '../../src/sim/event.js';
import { MONDAY, simSettings, simulate } from '../unit/sim/sim-fixture.js';

/** message-tracking.md §2: target share (%) of each event-id. */
const TARGET: Record<EventId, number> = {
  RECEIVE: 26, DELIVER: 24, SEND: 12, SUBMIT: 10, HAREDIRECT: 7, AGENTINFO: 6, NOTIFYMAPI: 5, RESOLVE: 2,
  HADISCARD: 2, EXPAND: 2, DEFER: 1, TRANSFER: 1, FAIL: 0.5, DSN: 0.5, REDIRECT: 0.3, DROP: 0.3,
};

/** Relative tolerance: ±10% for targets ≥ 5%, ±20% for 1–5%, ±35% below 1%. */
function tolerance(target: number): number {
  return target >= 5 ? 0.1 : target >= 1 ? 0.2 : 0.35;
}

function shares(n: number, settings = simSettings()): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of simulate(settings, n)) counts[e.eventId] = (counts[e.eventId] ?? 0) + 1;
  const out: Record<string, number> = {};
  for (const id of EVENT_IDS) out[id] = (100 * (counts[id] ?? 0)) / n;
  return out;
}

describe('event mix (§2)', () => {
  it('holds every target within tolerance over 200,000 events with default settings', () => {
    const mix = shares(200_000);
    for (const id of EVENT_IDS) {
      const target = TARGET[id];
      expect.soft(Math.abs(mix[id] - target), `${id}: ${mix[id].toFixed(3)}% vs ${target}%`).toBeLessThanOrEqual(target * tolerance(target));
    }
  });

  it('holds with another seed starting on a weekend, on the flat profile', () => {
    const mix = shares(200_000, simSettings({ seed: 'weekend', start: MONDAY - 36 * 3_600_000, profile: 'flat' }));
    for (const id of EVENT_IDS) {
      expect.soft(Math.abs(mix[id] - TARGET[id]), id).toBeLessThanOrEqual(TARGET[id] * tolerance(TARGET[id]));
    }
  });
});
