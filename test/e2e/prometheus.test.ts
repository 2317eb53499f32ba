// Prometheus end to end (issue 5 "Tests"): a real Prometheus scrapes a running daemon on loopback;
// after the run, its query API shows msgtrack_events_indexed_total equal to the documents in the
// engine. The daemon keeps /metrics up for --metrics-linger after its summary, so the final
// values get scraped. The exposition passes promtool, and its counters agree with the summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataStreamName } from '../../src/setup/index-template.js';
import { freePort, spawnCli, summaryOf, type SummaryRecord } from '../utils/daemon.js';
import { count } from '../utils/engine.js';
import { prometheusSkipReason, promtoolCheckMetrics, startPrometheus, type PrometheusServer } from '../utils/prometheus.js';
import { e2eSuite, shipFlags } from './e2e-suite.js';

const suite = e2eSuite();
const skip = prometheusSkipReason();
if (skip) console.warn(`skipping the Prometheus end-to-end test: ${skip}`);

describe.skipIf(skip !== undefined)('a real Prometheus scraping msgtrack run', () => {
  let port: number;
  let prometheus: PrometheusServer;
  beforeAll(async () => {
    port = await freePort();
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${port}`] });
  });
  afterAll(() => prometheus?.stop());

  it('ends with Prometheus, the summary, /metrics and the engine agreeing on what was indexed', async () => {
    const ns = suite.newNamespace();
    const daemon = spawnCli([
      'run', '--duration', '5s', '--eps', '200', '--profile', 'flat', '--lookback', '10s', '--seed', 'e2e-prometheus',
      ...shipFlags(suite.engine(), ns, suite.file('prom-dl.ndjson'), ['--metrics-port', String(port), '--metrics-linger', '20s']),
    ]);
    // Scraped while running: the target is up and counting.
    await prometheus.waitFor('msgtrack_events_indexed_total', (s) => s[0]?.value > 0, 20_000);

    const summary = (await daemon.waitForLog((r) => r.summary === true, 30_000)) as SummaryRecord;
    await daemon.waitForLog((r) => r.msg === 'serving the final metrics before exiting', 5_000);
    const exposition = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(await promtoolCheckMetrics(exposition)).toEqual({ code: 0, output: '' });
    expect(value(exposition, 'msgtrack_events_indexed_total')).toBe(summary.events_indexed);
    expect(value(exposition, 'msgtrack_events_duplicate_total')).toBe(summary.events_duplicate);
    expect(value(exposition, 'msgtrack_events_dead_lettered_total')).toBe(summary.events_dead_lettered);
    expect(sum(exposition, 'msgtrack_events_generated_total')).toBe(summary.events_generated);
    expect(sum(exposition, 'msgtrack_events_dropped_total')).toBe(summary.events_dropped + summary.events_unsent);
    expect(value(exposition, 'msgtrack_queue_events')).toBe(0);

    const indexed = await count(suite.engine(), dataStreamName(ns));
    expect(indexed).toBe(summary.events_indexed);
    expect(indexed).toBeGreaterThan(2_000);
    await prometheus.waitFor('msgtrack_events_indexed_total', (s) => s[0]?.value === indexed, 10_000);
    const generated = await prometheus.query('sum(msgtrack_events_generated_total)');
    expect(generated[0].value).toBe(summary.events_generated);

    // Prometheus has the final values: a signal ends the linger, and the run still exits 0.
    daemon.signal('SIGTERM');
    const exit = await daemon.exited;
    expect(exit.status, exit.stderr).toBe(0);
    expect(summaryOf(exit.stdout)).toEqual(summary);
  });
});

/** The value of an unlabelled sample in a text exposition. */
function value(exposition: string, name: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(name + ' '));
  if (line === undefined) throw new Error(`${name} not in the exposition`);
  return Number(line.slice(name.length + 1));
}

/** The sum over every labelled series of a metric. */
function sum(exposition: string, name: string): number {
  return exposition
    .split('\n')
    .filter((l) => l.startsWith(name + '{'))
    .reduce((total, l) => total + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}
