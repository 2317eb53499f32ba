/**
 * The cluster's ingest throughput with our ingest pipeline (raw mode: the CSV line parsed in the
 * cluster, issue 7) against direct ECS documents, side by side: the same events through the same
 * shipping code (src/pipeline + the Elasticsearch sink) into two fresh data streams.
 *
 * The direct run goes first and warms the cluster (template, mappings, JIT) for both; the ratio
 * raw/direct is what the pipeline costs the cluster. The data streams are deleted afterwards.
 */

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client } from '@elastic/elasticsearch';
import { createBulkEncoder, createDocId } from '../src/encode/bulk.js';
import { createEcsEncoder, type EcsEncoderSettings } from '../src/encode/ecs.js';
import { createRawEncoder } from '../src/encode/raw.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import type { ShipSummary } from '../src/pipeline/ship-summary.js';
import { dataStreamName } from '../src/setup/index-template.js';
import { installClusterAssets } from '../src/setup/install-cluster.js';
import type { TrackingEvent } from '../src/sim/event.js';
import { createClient, type Target } from '../src/sinks/elasticsearch/client.js';
import { createDeadLetter } from '../src/sinks/elasticsearch/dead-letter.js';
import { createElasticsearchSink } from '../src/sinks/elasticsearch/elasticsearch-sink.js';
import { Health } from '../src/telemetry/health.js';
import { createLogger } from '../src/telemetry/logger.js';
import { createMetrics } from '../src/telemetry/metrics.js';

export interface ShipResult {
  readonly summary: ShipSummary;
  readonly seconds: number;
  readonly docsPerSec: number;
}

export interface ShipOptions {
  readonly client: Client;
  readonly dataStream: string;
  /** Ingest pipeline run on every document (raw mode). */
  readonly pipeline?: string;
  readonly encodeDoc: (ev: TrackingEvent) => string;
  readonly events: readonly TrackingEvent[];
  readonly docId?: (seq: number) => string;
  /** Where refused documents go (NDJSON); none by default. */
  readonly deadLetterPath?: string;
}

/** Ships `events` through the product's pipeline and waits until every one is settled. */
export async function shipEvents(o: ShipOptions): Promise<ShipResult> {
  const logger = createLogger({ level: 'silent' });
  const pipeline = createPipeline({
    encode: createBulkEncoder({ encodeDoc: o.encodeDoc, docId: o.docId }),
    sink: createElasticsearchSink({ client: o.client, dataStream: o.dataStream, pipeline: o.pipeline }),
    metrics: createMetrics({ version: 'bench', defaultMetrics: false }),
    health: new Health(),
    logger,
    deadLetter: o.deadLetterPath === undefined ? undefined : createDeadLetter({ path: o.deadLetterPath, logger }),
  });
  const t0 = performance.now();
  for (const ev of o.events) await pipeline.push(ev);
  const summary = await pipeline.close(600_000);
  const seconds = (performance.now() - t0) / 1000;
  return { summary, seconds, docsPerSec: summary.events_indexed / seconds };
}

export interface IngestPipelineBench {
  readonly direct: ShipResult;
  readonly raw: ShipResult;
  /** raw docs/s ÷ direct docs/s: below 1 is the cost of parsing in the cluster. */
  readonly ratio: number;
}

async function detectTarget(client: Client): Promise<Target> {
  const info = (await client.transport.request({ method: 'GET', path: '/' })) as { version?: { distribution?: string } };
  return info.version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch';
}

export async function benchIngestPipeline(
  url: string,
  events: readonly TrackingEvent[],
  opts: { target?: Target; encoder?: EcsEncoderSettings } = {},
): Promise<IngestPipelineBench> {
  const probe = createClient({ hosts: [url], target: 'opensearch' });
  const target = opts.target ?? (await detectTarget(probe));
  await probe.close();
  const client = createClient({ hosts: [url], target });
  const suffix = randomBytes(4).toString('hex');
  const pipeline = 'msgtrack-bench-' + suffix;
  const encoder = opts.encoder ?? { namespace: 'default', agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' };
  const streams = { direct: dataStreamName('benchdirect' + suffix), raw: dataStreamName('benchraw' + suffix) };
  try {
    await installClusterAssets(client, { target, pipelineName: pipeline });
    const direct = await shipEvents({ client, dataStream: streams.direct, encodeDoc: createEcsEncoder(encoder), events });
    const raw = await shipEvents({ client, dataStream: streams.raw, pipeline, encodeDoc: createRawEncoder(encoder), events });
    return { direct, raw, ratio: raw.docsPerSec / direct.docsPerSec };
  } finally {
    for (const name of Object.values(streams)) await client.transport.request({ method: 'DELETE', path: `/_data_stream/${name}` }, { ignore: [404] });
    await client.transport.request({ method: 'DELETE', path: `/_ingest/pipeline/${pipeline}` }, { ignore: [404] });
    await client.close();
  }
}
