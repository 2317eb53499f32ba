import { Arrivals } from './arrivals.js';
import type { TrackingEvent } from './event.js';
import { arrivalFlow, deferredArrivalFlow, DEFERRED_SHARE } from './flows/arrival.js';
import { deferralSpanMs, drawDeferral, type Deferral } from './flows/outbound.js';
import type { Resumable } from './message-track.js';
import { eventsPerArrival, pilotMs } from './pilot.js';
import { Rng } from './rng.js';
import { SimContext } from './sim-context.js';
import type { SimulationSettings } from './settings.js';
import { profileFactor } from './traffic-profile.js';

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
 * Longest life of a message whose hop to the Internet is not deferred (measured: 35 s, most of it
 * a shadow's HADISCARD up to 30 s after delivery), with a margin.
 */
const SETTLE_MS = 40_000;
/** Longest life of any message: an expiring deferral (five DEFERs with backoff, then FAIL and the
 *  DSN), settled on both sides. */
const LONGEST_LIFE_MS = 2 * SETTLE_MS + deferralSpanMs({ defers: 5, expires: true });

/**
 * The discrete-event simulation of an Exchange organisation. Each message's life is a flow
 * (a coroutine, see message-track.ts) suspended in a min-heap until its next event is due; events
 * made wait in a second heap and leave only once no earlier one can still be made, i.e. when
 * their ts is at or before every suspended flow and the next arrival. Pure: no I/O, no clock, no
 * Math.random.
 *
 * With `steadyStart` the stream begins in the middle of things, as any window of a real log
 * does: the messages that arrived before `start` and are still in flight (a deferred message
 * retries for up to 40 minutes) run on, and only events from `start` on are emitted. Without it
 * the organisation starts empty and the rate reaches `eps` only as those tails build up (0.6 of
 * it in the first second, 0.97 after a minute).
 */
class MailFlowSimulation implements Simulation {
  private readonly ctx: SimContext;
  private readonly arrivals: Arrivals;
  private nextArrival: number;
  /** Messages in flight at a steady start that arrived before the last SETTLE_MS: only those
   *  deferred can still be, so only those are drawn (each with its deferral already known). */
  private readonly inFlight?: { readonly arrivals: Arrivals; readonly fate: Rng; readonly until: number };
  private nextInFlight = Infinity;
  private nextDeferral?: Deferral;
  private seq = 0;

  constructor(settings: SimulationSettings) {
    checkSettings(settings);
    const { seed, start, profile } = settings;
    this.ctx = new SimContext(seed, settings.org, '', settings.steadyStart ? start : -Infinity);
    const rate = settings.eps / eventsPerArrival(seed, settings.org);
    if (settings.steadyStart) {
      this.arrivals = new Arrivals(new Rng(seed, 'arrivals'), rate, profile, start - SETTLE_MS);
      const arrivals = new Arrivals(new Rng(seed, 'in-flight'), rate * DEFERRED_SHARE, profile, start - LONGEST_LIFE_MS);
      this.inFlight = { arrivals, fate: new Rng(seed, 'in-flight fate'), until: start - SETTLE_MS };
      this.drawInFlight();
    } else {
      this.arrivals = new Arrivals(new Rng(seed, 'arrivals'), rate, profile, start);
    }
    this.nextArrival = this.arrivals.next();
  }

  next(): TrackingEvent {
    this.settle();
    const event = this.ctx.events.pop()!;
    event.seq = this.seq++;
    return event;
  }

  peekTs(): number {
    this.settle();
    return this.ctx.events.peekTs();
  }

  /** Runs flows and starts arrivals until the earliest event made can leave. */
  private settle(): void {
    const { events, flows } = this.ctx;
    for (;;) {
      const flowTs = flows.peekTs();
      const first = Math.min(flowTs, this.nextArrival, this.nextInFlight);
      const eventTs = events.peekTs();
      if (eventTs <= first) return;
      if (first === flowTs) {
        this.resume(flows.pop()!);
      } else if (first === this.nextArrival) {
        this.resume(arrivalFlow(this.ctx, Math.ceil(this.nextArrival)));
        this.nextArrival = this.arrivals.next();
      } else {
        this.resume(deferredArrivalFlow(this.ctx, Math.ceil(this.nextInFlight), this.nextDeferral!));
        this.drawInFlight();
      }
    }
  }

  private resume(flow: Resumable): void {
    const step = flow.next();
    if (!step.done) this.ctx.flows.push(step.value, flow);
  }

  /** The next deferred message of the steady start that is still in flight at `releaseFrom`. */
  private drawInFlight(): void {
    const f = this.inFlight!;
    for (;;) {
      const at = f.arrivals.next();
      if (at >= f.until) {
        this.nextInFlight = Infinity;
        return;
      }
      const deferral = drawDeferral(f.fate);
      if (at + 2 * SETTLE_MS + deferralSpanMs(deferral) >= this.ctx.releaseFrom) {
        this.nextInFlight = at;
        this.nextDeferral = deferral;
        return;
      }
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

/** Work of a steady start's history, in calibration pilots per 1,000 events/s of rate at the
 *  start, under the daemon's heap profile (cli/heap-policy.ts; the history keeps more alive than
 *  the pilot, so a small young generation slows it more). Measured, flat profile: 0.71 at 2,000,
 *  1.07 at 20,000, 1.68 at 50,000 events/s (0.58–0.64 with V8's own young generation). Off by a
 *  little, the stream starts with a short wait or a short catch-up. */
const HISTORY_PILOTS_PER_KEPS = 1.1;

/**
 * How long the first `peekTs()` of a steady start will take on this machine, in ms, from the
 * calibration pilot's own duration (the pilot runs now if it has not yet; the simulation reuses
 * it). A live stream starts that much after now, so it begins on time instead of with a backlog
 * of the events that fell due while its history was being simulated. 0 for a cold start.
 */
export function steadyStartMs(settings: SimulationSettings): number {
  if (!settings.steadyStart) return 0;
  const rate = settings.eps * profileFactor(settings.profile, settings.start);
  return pilotMs(settings.seed, settings.org) * HISTORY_PILOTS_PER_KEPS * (rate / 1000);
}

export function createSimulation(settings: SimulationSettings): Simulation {
  return new MailFlowSimulation(settings);
}
