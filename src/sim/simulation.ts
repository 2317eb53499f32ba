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
    if (!(settings.eps > 0)) throw new RangeError('eps must be a positive number');
    if (!(settings.org.servers >= 1 && settings.org.users >= 1)) throw new RangeError('servers and users must be at least 1');
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

export function createSimulation(settings: SimulationSettings): Simulation {
  return new MailFlowSimulation(settings);
}
