import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config/schema.js';
import { newShipCounters, toShipSummary } from '../pipeline/ship-summary.js';
import { installClusterAssets } from '../setup/install-cluster.js';
import { createSimulation, steadyStartMs, type SimulationSettings } from '../sim/simulation.js';
import { createClient, connectionSecrets } from '../sinks/elasticsearch/client.js';
import { startProgress, type Progress } from '../telemetry/progress.js';
import { connectCluster } from './connect-cluster.js';
import { connectionOptions } from './connection-options.js';
import { startDaemon, type Daemon } from './daemon.js';
import { drive } from './drive.js';
import { collectGarbage } from './heap-policy.js';
import { elasticsearchOutlet, exchangeLogOutlet, type Outlet } from './outlets.js';
import { simulationSettings } from './simulation-settings.js';

/**
 * `run` and `backfill` are one shipper with two plans:
 * - span: every event of [from, to) as fast as the outlet takes it, then exit;
 * - live: from now minus --lookback as fast as possible until the stream reaches the wall clock,
 *   then each event when its timestamp arrives, until signalled or --duration. Without a
 *   lookback the stream starts once its steady start is simulated, not before it: otherwise the
 *   events that fell due meanwhile (seconds of them at high rates) would leave in one burst.
 * Whatever stops it, queued and in-flight events are flushed within the grace period, and one
 * summary record is logged.
 */
export type ShipPlan =
  | { readonly kind: 'span'; readonly from: number; readonly to: number }
  | { readonly kind: 'live'; readonly lookbackMs: number; readonly durationMs?: number };

export type OutletKind = 'elasticsearch' | 'exchange-log';

const SETTLE_POLL_MS = 100;

export async function ship(config: Config, plan: ShipPlan, outletKind: OutletKind): Promise<number> {
  const daemon = await startDaemon(config);
  try {
    return await shipWith(daemon, config, plan, outletKind);
  } finally {
    await daemon.close();
  }
}

async function shipWith(daemon: Daemon, config: Config, plan: ShipPlan, outletKind: OutletKind): Promise<number> {
  const { logger } = daemon;
  const began = Date.now();
  if (plan.kind === 'live' && plan.durationMs !== undefined) daemon.stopAfter(plan.durationMs);

  let outlet: Outlet;
  let settings: SimulationSettings;
  if (outletKind === 'exchange-log') {
    if (config.output.log_dir === undefined) {
      logger.error("--output exchange-log needs '--log-dir DIR' (or output.log_dir)");
      return 2;
    }
    settings = simulationSettings(config, startOf(plan, config));
    outlet = exchangeLogOutlet(config, config.output.log_dir, daemon);
  } else {
    const connection = connectionOptions(config);
    const client = createClient(connection);
    const connected = await connectCluster(client, {
      logger,
      health: daemon.health,
      stop: daemon.stop,
      secrets: connectionSecrets(connection),
      backoffMaxMs: config.pipeline.backoff_max,
    });
    // Stopped while waiting for the cluster: nothing was generated, and the summary says so.
    if (connected === undefined) return summarise(daemon, { ...toShipSummary(newShipCounters(), 0) }, began);
    if (!connected.ok) {
      logger.error(connected.message);
      return 1;
    }
    daemon.health.setReady(true, 'cluster reachable');
    if (config.elasticsearch.setup) {
      const installed = await installClusterAssets(client, { target: config.elasticsearch.target, pipelineName: config.elasticsearch.pipeline_name });
      logger.info({ resources: installed.map((r) => `${r.kind} ${r.name}: ${r.action}`) }, 'cluster setup done');
    }
    // Live starts count from here, once the cluster is there.
    settings = simulationSettings(config, startOf(plan, config));
    outlet = elasticsearchOutlet(config, client, settings, daemon, plan.kind === 'live');
  }

  const sim = createSimulation(settings);
  if (plan.kind === 'live') {
    sim.peekTs(); // the steady start's history runs now
    collectGarbage();
  }
  const progress = startProgressFor(plan, settings.start, began, daemon);
  const produced = await drive({
    sim,
    push: (ev) => outlet.push(ev),
    until: plan.kind === 'span' ? plan.to : Infinity,
    now: plan.kind === 'live' ? Date.now : undefined,
    signal: daemon.stop,
    onProgress:
      progress &&
      ((ts, n) => {
        progress.update(Math.min(ts, progress.endMs), n);
        if (ts >= progress.endMs) progress.stop();
      }),
  });
  progress?.stop();
  logger.debug({ events: produced }, 'simulation stopped');

  // A span that ran to its end waits for the cluster as long as it takes; only a stop request
  // bounds the wait by the grace period. The last batch leaves now, not at its flush interval
  // (a second added to every backfill, measured by `npm run bench`).
  outlet.flush();
  while (!daemon.stop.aborted && !outlet.settled()) await sleep(SETTLE_POLL_MS);
  const summary = await outlet.close(config.pipeline.grace);
  return summarise(daemon, summary, began);
}

/** The stream's first instant: a span's start; live, now minus the lookback, or without one the
 *  moment the steady start will have been simulated. */
function startOf(plan: ShipPlan, config: Config): number {
  if (plan.kind === 'span') return plan.from;
  const now = Date.now();
  if (plan.lookbackMs > 0) return now - plan.lookbackMs;
  return now + Math.ceil(steadyStartMs(simulationSettings(config, now)));
}

/** Progress of the catch-up part: the whole span, or the --lookback history before going live. */
function startProgressFor(plan: ShipPlan, startMs: number, began: number, daemon: Daemon): (Progress & { endMs: number }) | undefined {
  const endMs = plan.kind === 'span' ? plan.to : began;
  if (endMs <= startMs) return undefined;
  return Object.assign(startProgress({ startMs, endMs, metrics: daemon.metrics, logger: daemon.logger }), { endMs });
}

function summarise(daemon: Daemon, summary: Readonly<Record<string, number>>, began: number): number {
  const seconds = (Date.now() - began) / 1000;
  daemon.logger.info(
    { summary: true, ...summary, duration_seconds: round(seconds), events_per_second: round((summary.events_generated ?? 0) / Math.max(seconds, 1e-3)) },
    'summary',
  );
  return 0;
}

const round = (n: number): number => Math.round(n * 100) / 100;
