import { describe, expect, it } from 'vitest';
import { EVENT_IDS } from '../../../src/sim/event.js';
import { createSimulation } from '../../../src/sim/simulation.js';
import { simSettings, simulate } from './sim-fixture.js';

describe('createSimulation', () => {
  it('rejects settings it cannot simulate, naming the setting', () => {
    expect(() => createSimulation(simSettings({ eps: 0 }))).toThrow(/eps/);
    expect(() => createSimulation(simSettings({ start: Number.NaN }))).toThrow(/start/);
    expect(() => createSimulation(simSettings({}, { servers: 17 }))).toThrow(/servers/);
    expect(() => createSimulation(simSettings({}, { users: 0 }))).toThrow(/users/);
    expect(() => createSimulation(simSettings({}, { groups: -1 }))).toThrow(/groups/);
    expect(() => createSimulation(simSettings({}, { externalDomains: 0 }))).toThrow(/externalDomains/);
    expect(() => createSimulation(simSettings({}, { serverIp: 'exch01' }))).toThrow(/serverIp/);
  });

  it('simulates the smallest organisation', () => {
    const events = simulate(simSettings({ profile: 'flat' }, { servers: 1, users: 1, groups: 0, externalDomains: 1 }), 20_000);
    expect(new Set(events.map((e) => e.serverHostname)).has('EXCH01')).toBe(true);
    expect(events.filter((e) => e.eventId === 'DELIVER').length).toBeGreaterThan(1_000);
  });

  it('simulates a large DAG with big directories, producing all 16 event types', () => {
    const events = simulate(simSettings({ profile: 'flat' }, { servers: 16, users: 5_000, groups: 200, externalDomains: 400 }), 60_000);
    expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(EVENT_IDS));
  });
});
