import { liveArgv } from './msgtrack-argv.js';
import { startNullCluster, type Arrival } from './null-cluster.js';
import { runNode, summaryOf, type ChildRun } from './run-child.js';

/**
 * Issue 8 items 4 and 5: `msgtrack run --eps 20000 --profile flat` for a while, its RSS sampled
 * every second, once against the null cluster and once against a cluster that accepts bulk
 * requests and never answers them (the bounded queue fills, the producer waits). The first run
 * also gives the live-rate accuracy: events the null cluster received over a window that starts
 * after a warm-up, divided by the window's length.
 */

export const LIVE_EPS = 20_000;
/** Start-up (JIT, connection, first batches) is left out of the rate window. */
const WARMUP_SECONDS = 5;

export interface MemoryCase {
  readonly seconds: number;
  /** VmRSS at the first and last one-second sample, and VmHWM (the kernel's peak). */
  readonly firstRssMb: number;
  readonly lastRssMb: number;
  readonly peakRssMb: number;
  readonly rssMb: readonly number[];
  readonly eventsGenerated: number;
  readonly cpuSeconds: number;
}

export interface LiveRate {
  readonly targetEps: number;
  /** What the cluster received: items over the wall-clock time between the first and the last
   *  bulk request of the window (`windowSeconds`, after the warm-up). Target: within ±1%. */
  readonly achievedEps: number;
  readonly windowSeconds: number;
  /** achieved / target - 1. */
  readonly error: number;
  /** The same items over the simulated time they cover (newest `@timestamp` of each request):
   *  the simulation's own rate. achieved ≈ simulated means the daemon kept pace with the clock,
   *  and any error left is the simulation's calibration. */
  readonly simulatedEps: number;
  /** Wall clock minus the newest event's timestamp when a request arrived: median and maximum. */
  readonly lagMedianMs: number;
  readonly lagMaxMs: number;
  /** The summary's events_generated / duration_seconds, start-up and shutdown included. */
  readonly summaryEps: number;
}

function memoryCase(seconds: number, child: ChildRun): MemoryCase {
  const summary = summaryOf(child);
  return {
    seconds,
    firstRssMb: child.rssMb[0],
    lastRssMb: child.rssMb[child.rssMb.length - 1],
    peakRssMb: child.peakRssMb,
    rssMb: child.rssMb,
    eventsGenerated: summary.events_generated,
    cpuSeconds: child.cpuSeconds,
  };
}

/** Events newer than this at a request's arrival mean the daemon is keeping pace. A window that
 *  opens while the daemon is still `lag` behind counts its catching up of that lag as rate:
 *  at 250 ms that was +0.4% over 60 s (measured: achieved 1.05% over target while the events
 *  themselves were 0.64% over it); the steady lag is ~6 ms. */
const CAUGHT_UP_LAG_MS = 50;

/**
 * When the rate window opens: `earliest` or, if later, the first request once the daemon keeps
 * pace. A steady start simulates the mail in flight before the first event (a few seconds at
 * 20,000 events/s), and the events that fell due meanwhile are shipped at once: that catch-up
 * burst is start-up, not the live rate.
 */
function caughtUpAt(arrivals: readonly Arrival[], earliest: number): number {
  const first = arrivals.find((a) => a.atMs >= earliest && a.atMs - a.newestTs <= CAUGHT_UP_LAG_MS);
  if (first === undefined) throw new Error('the live run never kept pace with the clock');
  return first.atMs;
}

/** The live-rate figures from the bulk requests that arrived in [fromMs, toMs] (epoch ms). */
function rateOver(arrivals: readonly Arrival[], fromMs: number, toMs: number): Omit<LiveRate, 'targetEps' | 'error' | 'summaryEps'> {
  const inside = arrivals.filter((a) => a.atMs >= fromMs && a.atMs <= toMs);
  if (inside.length < 2) throw new Error(`too few bulk requests in the rate window (${inside.length})`);
  const first = inside[0];
  const last = inside[inside.length - 1];
  const items = last.items - first.items;
  const lags = inside.map((a) => a.atMs - a.newestTs).sort((a, b) => a - b);
  return {
    achievedEps: items / ((last.atMs - first.atMs) / 1000),
    windowSeconds: (last.atMs - first.atMs) / 1000,
    simulatedEps: items / ((last.newestTs - first.newestTs) / 1000),
    lagMedianMs: lags[lags.length >>> 1],
    lagMaxMs: lags[lags.length - 1],
  };
}

export async function benchLiveNull(o: { seconds: number; rateSeconds: number; workDir: string; cwd: string }): Promise<{ memory: MemoryCase; rate: LiveRate }> {
  const cluster = await startNullCluster();
  try {
    const began = Date.now();
    const child = await runNode(liveArgv(LIVE_EPS, o.seconds, cluster.url, o.workDir), { cwd: o.cwd });
    if (child.code !== 0) throw new Error(`live run exited ${child.code}: ${child.stderr.slice(-2000)}`);
    const windowStart = caughtUpAt(cluster.arrivals, began + WARMUP_SECONDS * 1000);
    const rate = rateOver(cluster.arrivals, windowStart, windowStart + o.rateSeconds * 1000);
    const summary = summaryOf(child);
    return {
      memory: memoryCase(o.seconds, child),
      rate: {
        targetEps: LIVE_EPS,
        ...rate,
        error: rate.achievedEps / LIVE_EPS - 1,
        summaryEps: summary.events_generated / summary.duration_seconds,
      },
    };
  } finally {
    await cluster.close();
  }
}

export async function benchLiveUnanswered(o: { seconds: number; workDir: string; cwd: string }): Promise<MemoryCase & { eventsQueuedAtEnd: number }> {
  const cluster = await startNullCluster({ blackhole: true });
  try {
    const child = await runNode(liveArgv(LIVE_EPS, o.seconds, cluster.url, o.workDir), { cwd: o.cwd });
    if (child.code !== 0) throw new Error(`live run (unanswered) exited ${child.code}: ${child.stderr.slice(-2000)}`);
    const summary = summaryOf(child);
    // Everything accepted was left unsent at the end of the 1 s grace: that is the queue's bound.
    return { ...memoryCase(o.seconds, child), eventsQueuedAtEnd: summary.events_unsent };
  } finally {
    await cluster.close();
  }
}
