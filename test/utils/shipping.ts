// Shared set-up for the shipping behaviour suites: events, the real bulk encoder, a pipeline
// wired to the real client (OpenSearch target) through a fault proxy, and read-back of what the
// real engine stored.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { TrackingEvent } from '../../src/sim/event.js';
import { createBulkEncoder, createDocId } from '../../src/encode/bulk.js';
import { createEcsEncoder } from '../../src/encode/ecs.js';
import { indexTemplate } from '../../src/setup/index-template.js';
import { createPipeline, type Pipeline, type PipelineOptions } from '../../src/pipeline/pipeline.js';
import type { ShipSummary } from '../../src/pipeline/ship-summary.js';
import { createClient } from '../../src/sinks/elasticsearch/client.js';
import { createElasticsearchSink } from '../../src/sinks/elasticsearch/elasticsearch-sink.js';
import { createBackoff } from '../../src/sinks/elasticsearch/backoff.js';
import { createDeadLetter } from '../../src/sinks/elasticsearch/dead-letter.js';
import { createMetrics, type Metrics } from '../../src/telemetry/metrics.js';
import { Health } from '../../src/telemetry/health.js';
import { FIXTURE_EVENTS } from '../fixtures/events.js';
import { afterAll, beforeAll } from 'vitest';
import { deleteDataStream, engineRequest, engineUrl, freshDataStreamName } from './engine.js';

/** Our own pattern, so these suites never touch the product's template on a shared engine. */
export const SHIP_PREFIX = 'logs-msgtrack.shiptest';
const SEED = 'shipping-suite';
const START = Date.parse('2026-02-22T00:00:00Z');

/** `n` events in stream order: the 16 fixture events repeated, positions and times advancing. */
export function events(n: number, patch?: (seq: number) => Partial<TrackingEvent> | undefined): TrackingEvent[] {
  const out: TrackingEvent[] = [];
  for (let seq = 0; seq < n; seq++) {
    const base = FIXTURE_EVENTS[seq % FIXTURE_EVENTS.length];
    out.push({ ...base, ...patch?.(seq), seq, ts: START + seq * 250 });
  }
  return out;
}

export const docId = createDocId(SEED, START);

export interface ShipSuite {
  /** The engine's URL (set once the suite's beforeAll ran). */
  engine(): string;
  /** A data stream of our template no other test uses; deleted after the suite. */
  newStream(): string;
}

/**
 * Registers the suite's hooks: our template for SHIP_PREFIX-* before, and after it the template
 * and every stream handed out removed again. Test files must still import ./engine.js
 * themselves: that import is what makes the global setup start the engine.
 */
export function shipSuite(name: string): ShipSuite {
  const template = `msgtrack-shiptest-${name}-${process.pid}`;
  const streams: string[] = [];
  let url = '';
  beforeAll(async () => {
    url = engineUrl();
    await installShipTemplate(url, template);
  });
  afterAll(async () => {
    for (const stream of streams) await deleteDataStream(url, stream);
    await engineRequest(url, 'DELETE', `/_index_template/${template}`);
  });
  return {
    engine: () => url,
    newStream: () => {
      const stream = freshDataStreamName(SHIP_PREFIX);
      streams.push(stream);
      return stream;
    },
  };
}

/** Installs a data stream template for SHIP_PREFIX-* with the product's mappings. */
async function installShipTemplate(engine: string, name: string): Promise<void> {
  const { template } = indexTemplate({ target: 'opensearch' }).body as { template: { mappings: object } };
  const res = await engineRequest(engine, 'PUT', `/_index_template/${name}`, {
    index_patterns: [`${SHIP_PREFIX}-*`],
    data_stream: {},
    priority: 500,
    template: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: template.mappings },
  });
  if (res.status !== 200) throw new Error(`template install answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** The `_id`s the engine holds for a data stream. */
export async function storedIds(engine: string, stream: string): Promise<string[]> {
  await engineRequest(engine, 'POST', `/${stream}/_refresh`);
  const res = await engineRequest(engine, 'POST', `/${stream}/_search`, { size: 10_000, _source: false, track_total_hits: true });
  if (res.status !== 200) throw new Error(`search answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body.hits.hits as Array<{ _id: string }>).map((h) => h._id);
}

export interface Shipper {
  pipeline: Pipeline;
  /** Closes the pipeline, then the client. */
  close(graceMs: number): Promise<ShipSummary>;
  metrics: Metrics;
  health: Health;
  /** Parsed log records written so far. */
  logs(): Array<{ level: number; msg: string; [k: string]: unknown }>;
}

export interface ShipperOptions extends Partial<Omit<PipelineOptions, 'encode' | 'sink' | 'metrics' | 'health' | 'logger'>> {
  url: string;
  stream: string;
  requestTimeoutMs?: number;
  /** Dead-letter file, written with the shipper's logger. */
  deadLetterPath?: string;
}

/** The bulk item encoder a shipper for `stream` uses (to know the exact bytes it queues). */
export function bulkEncoder(stream: string): (ev: TrackingEvent) => string {
  const namespace = stream.slice(stream.lastIndexOf('-') + 1);
  return createBulkEncoder({
    encodeDoc: createEcsEncoder({ namespace, agentId: 'a1b2c3d4-0000-4000-8000-000000000001', agentVersion: '8.17.0', hostname: 'EXCH01' }),
    docId,
  });
}

/** A pipeline as `run` composes it, with millisecond backoff so faults resolve quickly. */
export function createShipper(o: ShipperOptions): Shipper {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
  const metrics = createMetrics({ version: 'test', defaultMetrics: false });
  const health = new Health();
  const encode = bulkEncoder(o.stream);
  const client = createClient({ hosts: [o.url], target: 'opensearch', requestTimeoutMs: o.requestTimeoutMs ?? 10_000 });
  const pipeline = createPipeline({
    backoff: createBackoff({ initialMs: 5, maxMs: 40 }),
    ...o,
    encode,
    sink: createElasticsearchSink({ client, dataStream: o.stream }),
    deadLetter: o.deadLetterPath ? createDeadLetter({ path: o.deadLetterPath, logger }) : undefined,
    metrics,
    health,
    logger,
  });
  const close = async (graceMs: number): Promise<ShipSummary> => {
    const summary = await pipeline.close(graceMs);
    await client.close();
    return summary;
  };
  return { pipeline, close, metrics, health, logs: () => lines.map((l) => JSON.parse(l)) };
}

/** Pushes every event, awaiting back-pressure the way the simulation loop does. */
export async function pushAll(pipeline: Pipeline, evs: readonly TrackingEvent[], progress?: { pushed: number }): Promise<void> {
  for (const ev of evs) {
    const wait = pipeline.push(ev);
    if (wait) await wait;
    if (progress) progress.pushed++;
  }
}

/** Value of a counter or gauge (optionally one labelled series). */
export async function metricValue(metric: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> }, labels: object = {}): Promise<number> {
  const { values } = await metric.get();
  const entries = Object.entries(labels);
  const match = values.find((v) => entries.every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val));
  return match?.value ?? 0;
}
