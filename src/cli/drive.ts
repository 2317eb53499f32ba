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
  /** Called every `PROGRESS_EVERY` events and at the end with the simulated time reached. */
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
  while (!signal.aborted) {
    const ts = sim.peekTs();
    if (ts >= until) break;
    if (now !== undefined) {
      const wait = ts - now();
      if (wait > 0) {
        await sleep(Math.min(wait, MAX_SLEEP_MS), signal);
        continue;
      }
    }
    const pending = push(sim.next());
    if (pending !== undefined) await pending;
    events++;
    if (events % YIELD_EVERY === 0) {
      await yieldToLoop();
      if (events % PROGRESS_EVERY === 0) o.onProgress?.(ts, events);
    }
  }
  o.onProgress?.(Math.min(sim.peekTs(), until), events);
  return events;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
