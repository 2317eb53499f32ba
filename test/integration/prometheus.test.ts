import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '../../src/telemetry/health.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { createMetrics, type Metrics } from '../../src/telemetry/metrics.js';
import { startTelemetryServer, type TelemetryServer } from '../../src/telemetry/server.js';
import {
  dashboardExpressions,
  interpolateForPrometheus,
  prometheusSkipReason,
  promtoolCheckMetrics,
  startPrometheus,
  type PrometheusServer,
} from '../utils/prometheus.js';

// A real Prometheus scraping our telemetry server on loopback. Absent binaries skip the suite on
// a developer machine (with the reason printed) and fail it in CI.
const skip = prometheusSkipReason();
if (skip) console.warn(`skipping Prometheus tests: ${skip}`);

describe.skipIf(skip !== undefined)('telemetry server scraped by a real Prometheus', () => {
  let metrics: Metrics;
  let server: TelemetryServer;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    metrics = createMetrics({ version: '1.2.3-test' });
    server = await startTelemetryServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      health: new Health(),
      logger: createLogger({ level: 'warn', destination: 'stderr' }),
    });
    prometheus = await startPrometheus({ targets: [server.url] });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await server?.close();
  });

  it('passes promtool check metrics, default process and nodejs metrics included', async () => {
    metrics.bulkRequestDuration.observe(0.12);
    metrics.bulkRequestBytes.observe(500_000);
    const exposition = await (await fetch(`${server.url}/metrics`)).text();
    expect(exposition).toContain('process_cpu_seconds_total');
    expect(exposition).toContain('nodejs_eventloop_lag_seconds');
    expect(await promtoolCheckMetrics(exposition)).toEqual({ code: 0, output: '' });
  });

  it('finds the values we set through its query API after a scrape', async () => {
    metrics.eventsIndexed.inc(42);
    metrics.eventsGenerated.labels('DELIVER').inc(7);
    metrics.eventsDropped.labels('queue_full').inc(2);
    metrics.queueCapacityEvents.set(10_000);
    metrics.queueEvents.set(2_500);

    const indexed = await prometheus.waitFor('msgtrack_events_indexed_total', (s) => s[0]?.value === 42);
    expect(indexed[0].metric).toMatchObject({ job: 'msgtrack', instance: server.url.replace('http://', '') });
    expect(await prometheus.query('msgtrack_events_generated_total{event_id="DELIVER"}')).toMatchObject([{ value: 7 }]);
    expect(await prometheus.query('count(msgtrack_events_generated_total)')).toMatchObject([{ value: 16 }]);
    expect(await prometheus.query('msgtrack_events_dropped_total{reason="queue_full"}')).toMatchObject([{ value: 2 }]);
    expect(await prometheus.query('msgtrack_queue_events / msgtrack_queue_capacity_events')).toMatchObject([
      { value: 0.25 },
    ]);
    expect(await prometheus.query('msgtrack_build_info')).toMatchObject([{ metric: { version: '1.2.3-test' }, value: 1 }]);
    expect(await prometheus.query('up{job="msgtrack"}')).toMatchObject([{ value: 1 }]);
  });

  it('evaluates every expression of the Grafana dashboard without error', async () => {
    const dashboard = JSON.parse(
      readFileSync(new URL('../../grafana/msgtrack-dashboard.json', import.meta.url), 'utf8'),
    );
    const expressions = dashboardExpressions(dashboard).map(interpolateForPrometheus);
    expect(expressions.length).toBeGreaterThan(15);
    for (const expr of expressions) await expect(prometheus.query(expr), expr).resolves.toBeInstanceOf(Array);
    // The instance variable lists our target once it has been scraped.
    await prometheus.waitFor('msgtrack_build_info', (s) => s.length === 1);
  });

  it('rejects invalid PromQL with Prometheus error text', async () => {
    await expect(prometheus.query('sum(')).rejects.toThrow(/parse error/);
  });
});

describe('prometheusSkipReason', () => {
  const saved = { PATH: process.env.PATH, CI: process.env.CI };
  afterAll(() => Object.assign(process.env, saved));

  it('skips with the reason on a developer machine and fails in CI when the binaries are absent', () => {
    process.env.PATH = '/nonexistent';
    delete process.env.CI;
    expect(prometheusSkipReason()).toBe('prometheus and promtool not on PATH (install Debian\'s "prometheus" package)');
    process.env.CI = 'true';
    expect(() => prometheusSkipReason()).toThrow(/CI must provide it/);
  });
});
