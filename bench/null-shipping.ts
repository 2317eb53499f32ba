import { backfillArgv, generateSpanArgv } from './msgtrack-argv.js';
import { startNullCluster } from './null-cluster.js';
import { runNode, summaryOf } from './run-child.js';
import { figure, type Figure } from './stats.js';

/**
 * Issue 8 item 2: the whole `msgtrack backfill` process (simulate, encode, batch, queue, HTTP)
 * against the null cluster, i.e. the shipper's own ceiling. Events/s come from the run's summary
 * record (events indexed over its own duration, start-up of Node excluded); CPU is the whole
 * process's user+system time from the kernel, per million events shipped. Right before each
 * backfill, `msgtrack generate` writes the same span to /dev/null: the pair, both whole processes
 * timed from spawn to exit, gives the shipping ÷ generate ratio under the same machine load.
 */

export interface NullShippingResult {
  /** Events indexed in one run (the span holds about the requested number). */
  readonly events: number;
  readonly eventsPerSec: Figure;
  readonly cpuSecondsPerMillion: Figure;
  /** Peak RSS of a backfill at full speed (the queue full of encoded events). */
  readonly peakRssMb: Figure;
  readonly bulkRequests: number;
  /** The paired `generate` processes, and backfill ÷ generate events/s per pair (target ≥ 0.75). */
  readonly generateEventsPerSec: Figure;
  readonly ratioToGenerate: Figure;
}

export async function benchNullShipping(o: { events: number; runs: number; workDir: string; cwd: string }): Promise<NullShippingResult> {
  const rates: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  const generated: number[] = [];
  const paired: number[] = [];
  let events = 0;
  let bulkRequests = 0;
  for (let run = 0; run < o.runs; run++) {
    const generate = await runNode(generateSpanArgv(o.events, 'default', '/dev/null'), { cwd: o.cwd });
    if (generate.code !== 0) throw new Error(`msgtrack generate exited ${generate.code}: ${generate.stderr.slice(-2000)}`);
    const cluster = await startNullCluster();
    try {
      const child = await runNode(backfillArgv(o.events, cluster.url, o.workDir), { cwd: o.cwd });
      const summary = summaryOf(child);
      if (child.code !== 0 || summary.events_indexed !== summary.events_generated || cluster.items !== summary.events_indexed) {
        throw new Error(`null-cluster backfill did not ship everything: exit ${child.code}, summary ${JSON.stringify(summary)}, server saw ${cluster.items}`);
      }
      events = summary.events_indexed;
      bulkRequests = summary.bulk_requests;
      rates.push(events / summary.duration_seconds);
      cpu.push((child.cpuSeconds / events) * 1e6);
      rss.push(child.peakRssMb);
      generated.push(events / generate.wallSeconds);
      paired.push(generate.wallSeconds / child.wallSeconds);
    } finally {
      await cluster.close();
    }
  }
  return {
    events,
    eventsPerSec: figure(rates),
    cpuSecondsPerMillion: figure(cpu),
    peakRssMb: figure(rss),
    bulkRequests,
    generateEventsPerSec: figure(generated),
    ratioToGenerate: figure(paired),
  };
}
