import { arrivalFlow } from './flows/arrival.js';
import type { Resumable } from './message-track.js';
import { SimContext } from './sim-context.js';
import type { OrgSettings } from './settings.js';

/**
 * Mean events per arrival in this organisation. How many DELIVERs and SENDs a message makes
 * depends on how the seed spread mailboxes over servers and databases and who mails whom (from
 * 7.64 to 7.82 over seeds with the default organisation), so one constant would miss `eps` by up
 * to 2%. The pilot simulates PILOT_ARRIVALS whole lives on its own draws over the same world and
 * counts their events: the standard error is about 0.3%. Memoised per world, as it is pure.
 */
export const PILOT_ARRIVALS = 20_000;

interface Measured {
  readonly mean: number;
  /** How long the pilot took on this machine (the steady start's cost is estimated from it). */
  readonly ms: number;
}

const measured = new Map<string, Measured>();

function measure(seed: string, org: OrgSettings): Measured {
  const key = JSON.stringify([seed, org]);
  let m = measured.get(key);
  if (m === undefined) {
    const began = performance.now();
    const mean = pilot(new SimContext(seed, org, '\u0000pilot', Infinity));
    m = { mean, ms: performance.now() - began };
    measured.set(key, m);
  }
  return m;
}

export function eventsPerArrival(seed: string, org: OrgSettings): number {
  return measure(seed, org).mean;
}

/** Wall-clock ms the pilot took (it runs now if it has not yet). */
export function pilotMs(seed: string, org: OrgSettings): number {
  return measure(seed, org).ms;
}

/** Counts the events of PILOT_ARRIVALS lives; `ctx` makes none of them (all are before its
 *  release), which halves the cost. */
function pilot(ctx: SimContext): number {
  for (let i = 0; i < PILOT_ARRIVALS; i++) {
    // Lives are independent but for the draws they share, so each runs to its end at once.
    finish(arrivalFlow(ctx, i * 1000));
    while (ctx.flows.size > 0) finish(ctx.flows.pop()!);
  }
  return ctx.eventsMade / PILOT_ARRIVALS;
}

function finish(flow: Resumable): void {
  while (!flow.next().done);
}
