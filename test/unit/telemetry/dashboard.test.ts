import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { dashboardExpressions } from '../../utils/prometheus.js';

const dashboard = JSON.parse(readFileSync(new URL('../../../grafana/msgtrack-dashboard.json', import.meta.url), 'utf8'));
const expressions = dashboardExpressions(dashboard);
// Metric names are the only identifiers with these prefixes in our PromQL.
const METRIC_NAME = /\b(?:msgtrack|process|nodejs)_[a-z0-9_]+\b/g;
const HISTOGRAM_SERIES = /_(?:bucket|sum|count)$/;

describe('grafana dashboard', () => {
  it('queries only metrics the registry exposes (histogram series by their family)', async () => {
    const registry = createMetrics({ version: 't' }).registry;
    const types = new Map((await registry.getMetricsAsJSON()).map((m) => [m.name, String(m.type)]));
    const unknown: string[] = [];
    const used = new Set<string>();
    for (const expr of expressions) {
      for (const [name] of expr.matchAll(METRIC_NAME)) {
        const family = name.replace(HISTOGRAM_SERIES, '');
        if (types.has(name)) used.add(name);
        else if (family !== name && types.get(family) === 'histogram') used.add(family);
        else unknown.push(name);
      }
    }
    expect(unknown).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(16);
  });

  it('covers the views the issue asks for', () => {
    const all = expressions.join('\n');
    for (const wanted of [
      'sum by (event_id) (rate(msgtrack_events_generated_total',
      'rate(msgtrack_events_indexed_total',
      'histogram_quantile(0.5, sum by (le) (rate(msgtrack_bulk_request_duration_seconds_bucket',
      'histogram_quantile(0.95, sum by (le) (rate(msgtrack_bulk_request_duration_seconds_bucket',
      'histogram_quantile(0.99, sum by (le) (rate(msgtrack_bulk_request_duration_seconds_bucket',
      'msgtrack_queue_events{instance=~"$instance"}) / sum(msgtrack_queue_capacity_events',
      'msgtrack_inflight_requests',
      'rate(msgtrack_events_retried_total',
      'rate(msgtrack_events_dead_lettered_total',
      'sum by (reason) (rate(msgtrack_events_dropped_total',
      'msgtrack_lag_seconds',
      'rate(msgtrack_sent_bytes_total',
      'sum by (outcome) (rate(msgtrack_bulk_requests_total',
    ]) {
      expect(all).toContain(wanted);
    }
  });

  it('reads every panel through the datasource variable', () => {
    const variables = dashboard.templating.list.map((v: { name: string; type: string }) => `${v.type}:${v.name}`);
    expect(variables).toContain('datasource:datasource');
    const panels = dashboard.panels.filter((p: { type: string }) => p.type !== 'row');
    expect(panels.length).toBeGreaterThan(10);
    for (const panel of panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const target of panel.targets) expect(target.datasource.uid).toBe('${datasource}');
    }
    const ids = dashboard.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
