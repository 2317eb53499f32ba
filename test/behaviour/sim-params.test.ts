import { describe, expect, it } from 'vitest';
import type { TrackingEvent } from '../../src/sim/event.js';
import { createSimulation } from '../../src/sim/simulation.js';
import { loggingServer, MONDAY, simSettings, simulate } from '../unit/sim/sim-fixture.js';

const N = 20_000;
const HOUR = 3_600_000;

function defaults(): TrackingEvent[] {
  return simulate(simSettings({ profile: 'flat' }), N);
}

function addresses(events: readonly TrackingEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    out.add(e.sender);
    for (const r of e.recipients) out.add(r);
  }
  return out;
}

function domainOf(address: string): string {
  return address.slice(address.indexOf('@') + 1);
}

describe('every organisation parameter shows in the output', () => {
  const base = defaults();

  it('hostname names the servers', () => {
    const events = simulate(simSettings({ profile: 'flat' }, { hostname: 'MBX07' }), N);
    expect(new Set(events.map(loggingServer))).toEqual(new Set(['MBX07', 'MBX08', 'MBX09', 'MBX10']));
    expect(new Set(base.map(loggingServer))).toEqual(new Set(['EXCH01', 'EXCH02', 'EXCH03', 'EXCH04']));
    expect(events.some((e) => e.connectorId === 'MBX08\\Default Frontend MBX08')).toBe(true);
  });

  it('domain is the organisation’s mail domain and server FQDN suffix', () => {
    const events = simulate(simSettings({ profile: 'flat' }, { domain: 'fabrikam.net' }), N);
    const internal = [...addresses(events)].filter((a) => a.endsWith('@fabrikam.net'));
    expect(internal.length).toBeGreaterThan(100);
    expect([...addresses(events)].some((a) => a.endsWith('@contoso.com'))).toBe(false);
    expect(events.some((e) => e.clientHostname === 'EXCH02.fabrikam.net')).toBe(true);
  });

  it('server_ip numbers the servers from the first address', () => {
    const events = simulate(simSettings({ profile: 'flat' }, { serverIp: '172.20.5.100' }), N);
    const ips = new Set(events.filter((e) => e.eventId === 'DELIVER').map((e) => e.serverIp));
    expect(ips).toEqual(new Set(['172.20.5.100', '172.20.5.101', '172.20.5.102', '172.20.5.103']));
  });

  it('dag_name is the delivery group of intra-DAG hops', () => {
    const events = simulate(simSettings({ profile: 'flat' }, { dagName: 'DAG-PARIS' }), N);
    const hops = events.filter((e) => e.eventId === 'HAREDIRECT' || (e.eventId === 'SEND' && e.connectorId?.startsWith('Intra')));
    expect(hops.length).toBeGreaterThan(100);
    for (const e of hops) expect(e.customData).toContain('S:DeliveryGroup=DAG-PARIS;');
    expect(base.some((e) => e.customData?.includes('DeliveryGroup=DAG01;'))).toBe(true);
  });

  it('servers sets the DAG size; a single server has no shadow redundancy', () => {
    const eight = simulate(simSettings({ profile: 'flat' }, { servers: 8 }), N);
    expect(new Set(eight.map(loggingServer)).size).toBe(8);
    const one = simulate(simSettings({ profile: 'flat' }, { servers: 1 }), N);
    expect(new Set(one.map(loggingServer))).toEqual(new Set(['EXCH01']));
    expect(one.some((e) => e.eventId === 'HAREDIRECT' || e.eventId === 'HADISCARD')).toBe(false);
    expect(one.some((e) => e.eventId === 'SEND' && e.connectorId?.startsWith('Intra'))).toBe(false);
  });

  it('users sets the number of people in the directory', () => {
    const people = (events: readonly TrackingEvent[]) =>
      new Set(events.filter((e) => e.eventId === 'DELIVER').flatMap((e) => e.recipients).filter((a) => /^[a-z]+\.[a-z]+\d*@/.test(a))).size;
    const few = simulate(simSettings({ profile: 'flat' }, { users: 25 }), N);
    expect(people(few)).toBeLessThanOrEqual(25);
    expect(people(few)).toBeGreaterThan(15);
    expect(people(base)).toBeGreaterThan(200);
  });

  it('groups sets the distribution groups that get expanded', () => {
    const expanded = (events: readonly TrackingEvent[]) =>
      new Set(events.filter((e) => e.eventId === 'EXPAND').map((e) => e.relatedRecipientAddress));
    expect(expanded(simulate(simSettings({ profile: 'flat' }, { groups: 0 }), N)).size).toBe(0);
    expect(expanded(simulate(simSettings({ profile: 'flat' }, { groups: 3 }), N)).size).toBe(3);
    expect(expanded(base).size).toBeGreaterThan(10);
  });

  it('external_domains sets the recurring correspondents', () => {
    const external = (events: readonly TrackingEvent[]) =>
      new Set(events.filter((e) => e.eventId === 'SEND' && e.connectorId === 'Outbound to Internet').flatMap((e) => e.recipients.map(domainOf)));
    expect(external(simulate(simSettings({ profile: 'flat' }, { externalDomains: 3 }), N)).size).toBe(3);
    expect(external(base).size).toBeGreaterThan(15);
  });
});

describe('every run parameter shows in the output', () => {
  it('profile shapes the day: business-week is quiet at night, flat is not', () => {
    const night = (profile: 'flat' | 'business-week') => {
      // Monday 00:00 to 06:00 against Monday 09:00 to 15:00.
      const sim = createSimulation(simSettings({ profile, eps: 2 }));
      let early = 0;
      let day = 0;
      for (let e = sim.next(); e.ts < MONDAY + 15 * HOUR; e = sim.next()) {
        if (e.ts < MONDAY + 6 * HOUR) early++;
        else if (e.ts >= MONDAY + 9 * HOUR) day++;
      }
      return early / day;
    };
    expect(night('flat')).toBeGreaterThan(0.9);
    expect(night('flat')).toBeLessThan(1.1);
    expect(night('business-week')).toBeLessThan(0.1);
  });

  it('start sets the simulated instant of the first events', () => {
    const start = Date.UTC(2027, 0, 4, 8);
    const events = simulate(simSettings({ start }), 100);
    expect(events[0].ts).toBeGreaterThanOrEqual(start);
    expect(events[99].ts).toBeLessThan(start + HOUR);
  });

  it('eps is the achieved mean event rate, within 1% over a long span (flat)', () => {
    const eps = 200;
    const sim = createSimulation(simSettings({ profile: 'flat', eps, seed: 'rate' }));
    const span = 5_000_000; // ms: about a million events
    const end = MONDAY + span;
    let n = 0;
    while (sim.peekTs() < end) {
      sim.next();
      n++;
    }
    expect(Math.abs(n / (span / 1000) - eps) / eps).toBeLessThan(0.01);
  });

  it('eps scales the rate', () => {
    const spanOf = (eps: number) => {
      const events = simulate(simSettings({ profile: 'flat', eps }), 20_000);
      return events[19_999].ts - events[0].ts;
    };
    const ratio = spanOf(10) / spanOf(40);
    expect(ratio).toBeGreaterThan(3.6);
    expect(ratio).toBeLessThan(4.4);
  });
});
