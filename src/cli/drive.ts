import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { TrackingEvent } from '../sim/event.js';
import type { Simulation } from '../sim/simulation.js';

/**
 * Moves events from the simulation into a sink, either as fast as the sink takes them (a span:
 * backfill, lookback) or as simulated time follows the wall clock (live). One loop serves both,
 * so `run --lookback` turns from catching up to live without a gap or an overlap: it is a single
 * stream whose release time is simply `max(ts, now)`.
 */

export interface DriveOptions {
  readonly sim: Simulation;
  /** Takes one event; a returned promise means "wait for room" (back-pressure). */
  readonly push: (ev: TrackingEvent) => void | Promise<void>;
  /** Stop before the first event with ts >= until (Infinity: never). */
  readonly until: number;
  /** Wall clock for live release; absent: release at once (a span). */
  readonly now?: () => number;
  /** Aborted on SIGTERM/SIGINT or --duration: stops the loop, even in the middle of a wait. */
  readonly signal: AbortSignal;
  /** Called every `PROGRESS_EVERY` events, on catching up with the wall clock and at the end,
   *  with the simulated time reached. */
  readonly onProgress?: (reachedTs: number, events: number) => void;
}

/** Yield to the event loop this often, so HTTP responses, timers and signals get their turn. */
const YIELD_EVERY = 2048;
export const PROGRESS_EVERY = 8192;
/** Longest single sleep in live mode, so an abort is noticed promptly even without a signal hook. */
const MAX_SLEEP_MS = 1000;

export async function drive(o: DriveOptions): Promise<number> {
  const { sim, push, until, now, signal } = o;
  let events = 0;
  let caughtUp = false;
  while (!signal.aborted) {
    const ts = sim.peekTs();
    if (ts >= until) break;
    if (now !== undefined) {
      const wait = ts - now();
      if (wait > 0) {
        // The first wait ends the catch-up (--lookback): report it now, not 8192 live events later.
        if (!caughtUp) o.onProgress?.(ts, events);
        caughtUp = true;
        await sleep(Math.min(wait, MAX_SLEEP_MS), signal);
        continue;
      }
    }
    const pending = push(sim.next());
    // A full queue in front of a cluster that never answers would hold this wait, and with it
    // the shutdown, forever (found by `npm run bench`, unanswered cluster): a stop ends the wait;
    // the pipeline's close then counts the waiting event as unsent.
    if (pending !== undefined) await orAbort(pending, signal);
    events++;
    if (events % YIELD_EVERY === 0) {
      await yieldToLoop();
      if (events % PROGRESS_EVERY === 0) o.onProgress?.(ts, events);
    }
  }
  o.onProgress?.(Math.min(sim.peekTs(), until), events);
  return events;
}

/** Resolves once `promise` settles or `signal` aborts, whichever comes first. */
function orAbort(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    promise.then(done, done);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return orAbort(elapsed, signal).finally(() => clearTimeout(timer));
}
