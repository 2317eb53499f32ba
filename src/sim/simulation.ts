import { Arrivals } from './arrivals.js';
import { MEAN_EVENTS_PER_ARRIVAL } from './calibration.js';
import type { TrackingEvent } from './event.js';
import { simulateArrival } from './flows/arrival.js';
import { Rng } from './rng.js';
import { SimContext } from './sim-context.js';
import type { SimulationSettings } from './settings.js';

export type { ProfileName } from './traffic-profile.js';
export type { OrgSettings, SimulationSettings } from './settings.js';
export { DEFAULT_ORG } from './settings.js';

export interface Simulation {
  /** The next event, in non-decreasing ts order, seq = 0, 1, 2, ...; an infinite stream. */
  next(): TrackingEvent;
  /** ts of the event next() will return (lets callers stop at --to or pace live). */
  peekTs(): number;
}

/**
 * The discrete-event simulation of an Exchange organisation. Each arriving message's whole life
 * is simulated at its arrival and its events wait in a min-heap; an event leaves only once no
 * earlier one can still be produced, i.e. when its ts is at or before the next arrival (every
 * event of a later arrival is at or after that arrival). Pure: no I/O, no clock, no Math.random.
 */
class MailFlowSimulation implements Simulation {
  private readonly ctx: SimContext;
  private readonly arrivals: Arrivals;
  private nextArrival: number;
  private seq = 0;

  constructor(settings: SimulationSettings) {
    checkSettings(settings);
    this.ctx = new SimContext(settings.seed, settings.org);
    const rate = settings.eps / MEAN_EVENTS_PER_ARRIVAL;
    this.arrivals = new Arrivals(new Rng(settings.seed, 'arrivals'), rate, settings.profile, settings.start);
    this.nextArrival = this.arrivals.next();
  }

  next(): TrackingEvent {
    this.fill();
    const event = this.ctx.heap.pop()!;
    event.seq = this.seq++;
    return event;
  }

  peekTs(): number {
    this.fill();
    return this.ctx.heap.peekTs();
  }

  private fill(): void {
    const heap = this.ctx.heap;
    while (heap.peekTs() > this.nextArrival) {
      simulateArrival(this.ctx, Math.ceil(this.nextArrival));
      this.nextArrival = this.arrivals.next();
    }
  }
}

/** The simulation's own preconditions (the config layer reports them to users first). */
function checkSettings(s: SimulationSettings): void {
  const org = s.org;
  const fail = (what: string) => {
    throw new RangeError(`invalid simulation settings: ${what}`);
  };
  if (!(s.eps > 0 && Number.isFinite(s.eps))) fail('eps must be a positive number');
  if (!Number.isFinite(s.start)) fail('start must be an epoch in milliseconds');
  if (!(Number.isInteger(org.servers) && org.servers >= 1 && org.servers <= 16)) fail('servers must be an integer in 1..16');
  if (!(Number.isInteger(org.users) && org.users >= 1)) fail('users must be an integer >= 1');
  if (!(Number.isInteger(org.groups) && org.groups >= 0)) fail('groups must be an integer >= 0');
  if (!(Number.isInteger(org.externalDomains) && org.externalDomains >= 1)) fail('externalDomains must be an integer >= 1');
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(org.serverIp)) fail('serverIp must be an IPv4 address');
}

export function createSimulation(settings: SimulationSettings): Simulation {
  return new MailFlowSimulation(settings);
}
