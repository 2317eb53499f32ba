import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EVENT_IDS } from '../sim/event.js';

/**
 * Every metric msgtrack exposes, on one dedicated registry (never prom-client's global one, so
 * tests and embedders can run several pipelines in one process). Names follow Prometheus
 * conventions: `msgtrack_` prefix, base units, counters end in `_total`, bounded label values.
 * Updated per batch or per state change, never per event (see docs/style.md habit 7).
 */

/** Why an accepted-or-not event was dropped: bounded set of label values. */
export const DROP_REASONS = ['queue_full', 'shutdown'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Final outcome of one HTTP bulk request. */
export const BULK_OUTCOMES = ['success', 'partial', 'retry', 'too_large', 'auth', 'network', 'error'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

const LINT_FAILING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export interface Metrics {
  readonly registry: Registry;
  readonly eventsGenerated: Counter<'event_id'>;
  readonly eventsIndexed: Counter;
  readonly eventsDuplicate: Counter;
  readonly eventsRetried: Counter;
  readonly eventsDeadLettered: Counter;
  readonly eventsDropped: Counter<'reason'>;
  readonly bulkRequests: Counter<'outcome'>;
  readonly bulkRequestDuration: Histogram;
  readonly bulkRequestBytes: Histogram;
  readonly sentBytes: Counter;
  readonly queueEvents: Gauge;
  readonly queueCapacityEvents: Gauge;
  readonly queueBytes: Gauge;
  readonly queueCapacityBytes: Gauge;
  readonly inflightRequests: Gauge;
  readonly lagSeconds: Gauge;
  readonly backfillProgressRatio: Gauge;
  readonly buildInfo: Gauge<'version'>;
}

export interface MetricsOptions {
  readonly version: string;
  /** Collect prom-client's default `process_*` and `nodejs_*` metrics (on in the daemon). */
  readonly defaultMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) {
    collectDefaultMetrics({ register: registry });
    // prom-client names these gauges `_total`, which `promtool check metrics` rejects (a suffix
    // reserved for counters); the same counts stay available as sum(nodejs_active_handles) etc.
    for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(name);
  }
  const registers = [registry];

  const eventsGenerated = new Counter({
    name: 'msgtrack_events_generated_total',
    help: 'Events produced by the simulation, by Exchange event-id.',
    labelNames: ['event_id'] as const,
    registers,
  });
  // Pre-create every series so rate() works from the first scrape and dashboards show zeros.
  for (const id of EVENT_IDS) eventsGenerated.labels(id).inc(0);

  const eventsDropped = new Counter({
    name: 'msgtrack_events_dropped_total',
    help: 'Events discarded before reaching the cluster, by reason.',
    labelNames: ['reason'] as const,
    registers,
  });
  for (const reason of DROP_REASONS) eventsDropped.labels(reason).inc(0);

  const bulkRequests = new Counter({
    name: 'msgtrack_bulk_requests_total',
    help: 'HTTP bulk requests sent, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  for (const outcome of BULK_OUTCOMES) bulkRequests.labels(outcome).inc(0);

  const buildInfo = new Gauge({
    name: 'msgtrack_build_info',
    help: 'Constant 1, labelled with the running msgtrack version.',
    labelNames: ['version'] as const,
    registers,
  });
  buildInfo.labels(options.version).set(1);

  return {
    registry,
    eventsGenerated,
    eventsIndexed: new Counter({
      name: 'msgtrack_events_indexed_total',
      help: 'Events the cluster acknowledged as newly indexed (item status 201).',
      registers,
    }),
    eventsDuplicate: new Counter({
      name: 'msgtrack_events_duplicate_total',
      help: 'Events the cluster already held (item 409 on create after a retry): counted as delivered.',
      registers,
    }),
    eventsRetried: new Counter({
      name: 'msgtrack_events_retried_total',
      help: 'Event send attempts repeated after a retryable request or item failure.',
      registers,
    }),
    eventsDeadLettered: new Counter({
      name: 'msgtrack_events_dead_lettered_total',
      help: 'Events rejected permanently by the cluster and written to the dead-letter file.',
      registers,
    }),
    eventsDropped,
    bulkRequests,
    bulkRequestDuration: new Histogram({
      name: 'msgtrack_bulk_request_duration_seconds',
      help: 'Round-trip time of one bulk request.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    bulkRequestBytes: new Histogram({
      name: 'msgtrack_bulk_request_bytes',
      help: 'Uncompressed NDJSON body size of one bulk request.',
      buckets: [1024, 16384, 65536, 262144, 1048576, 2097152, 5242880, 10485760, 20971520],
      registers,
    }),
    sentBytes: new Counter({
      name: 'msgtrack_sent_bytes_total',
      help: 'Uncompressed NDJSON bytes sent in bulk requests, retries included.',
      registers,
    }),
    queueEvents: new Gauge({
      name: 'msgtrack_queue_events',
      help: 'Events waiting in the bounded queue or in flight.',
      registers,
    }),
    queueCapacityEvents: new Gauge({
      name: 'msgtrack_queue_capacity_events',
      help: 'Capacity of the bounded queue, in events.',
      registers,
    }),
    queueBytes: new Gauge({
      name: 'msgtrack_queue_bytes',
      help: 'Encoded (UTF-8 NDJSON) bytes of the events waiting in the bounded queue or in flight.',
      registers,
    }),
    queueCapacityBytes: new Gauge({
      name: 'msgtrack_queue_capacity_bytes',
      help: 'Capacity of the bounded queue, in encoded bytes.',
      registers,
    }),
    inflightRequests: new Gauge({
      name: 'msgtrack_inflight_requests',
      help: 'Bulk requests currently in flight.',
      registers,
    }),
    lagSeconds: new Gauge({
      name: 'msgtrack_lag_seconds',
      help: 'Wall clock minus the timestamp of the newest shipped event (live mode).',
      registers,
    }),
    backfillProgressRatio: new Gauge({
      name: 'msgtrack_backfill_progress_ratio',
      help: 'Fraction of the backfill span whose events have been shipped (0..1).',
      registers,
    }),
    buildInfo,
  };
}
