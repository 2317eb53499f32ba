// deliver() sends each request's items as the bytes the batcher wrote: the whole batch as it is,
// the items re-sent alone (item 429/5xx) and each half of a 413 split by their byte ranges. A
// local HTTP server answering like Elasticsearch records what came over the wire.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatcher, type Batch } from '../../../src/pipeline/batcher.js';
import { createDeliver } from '../../../src/pipeline/deliver.js';
import { newShipCounters } from '../../../src/pipeline/ship-summary.js';
import { createBackoff } from '../../../src/sinks/elasticsearch/backoff.js';
import { createClient } from '../../../src/sinks/elasticsearch/client.js';
import { createElasticsearchSink } from '../../../src/sinks/elasticsearch/elasticsearch-sink.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { Health } from '../../../src/telemetry/health.js';
import { esResponse, startReplayServer, type ReceivedRequest, type RecordedResponse, type ReplayServer } from '../../utils/replay-server.js';

// Multi-byte characters, so bytes and characters differ.
const item = (i: number): string => `{"create":{"_id":"e${i}"}}\n{"subject":"Zürich → Genève 😀 ${i}"}\n`;
const itemsIn = (req: ReceivedRequest): number => req.body.split('\n').length >>> 1;

/** A 200 bulk answer with one status per item; failed items carry an error like the cluster's. */
function bulkAnswer(statuses: readonly number[]): RecordedResponse {
  const items = statuses.map((status, i) => ({
    create: status < 300 ? { _id: `r${i}`, status } : { _id: `r${i}`, status, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } },
  }));
  return { ...esResponse('bulk-success'), body: { errors: statuses.some((s) => s >= 300), items } };
}

/** A batch as the pipeline makes it: the items written into the batcher's buffer. */
function batchOf(n: number): Batch {
  let batch: Batch | undefined;
  const batcher = createBatcher({ maxBytes: 1024 * 1024, maxCount: n, flushIntervalMs: 60_000, onFlush: (b) => (batch = b) });
  for (let i = 0; i < n; i++) batcher.add(item(i), i);
  return batch!;
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function deliverThrough(answer: (req: ReceivedRequest, call: number) => RecordedResponse, batch: Batch) {
  let call = 0;
  server = await startReplayServer((req) => answer(req, call++));
  const client = createClient({ hosts: [server.url] });
  const counters = newShipCounters();
  const deliver = createDeliver({
    sink: createElasticsearchSink({ client, dataStream: 'logs-microsoft_exchange.messagetracking-default' }),
    backoff: createBackoff({ random: () => 0, sleep: async () => undefined }),
    metrics: createMetrics({ version: 'test', defaultMetrics: false }),
    health: new Health(),
    logger: pino({ level: 'silent' }, new Writable({ write: (_c, _e, cb) => cb() })),
    counters,
    signal: new AbortController().signal,
  });
  await deliver(batch.items);
  await client.close();
  return { requests: server.requests, counters };
}

const joined = (indexes: readonly number[]): string => indexes.map(item).join('');

describe('deliver: request bodies', () => {
  it('sends the batch as its bytes, then exactly the bytes of the items answered 429/5xx', async () => {
    const { requests, counters } = await deliverThrough((req, call) => (call === 0 ? bulkAnswer([201, 429, 201, 503]) : bulkAnswer(Array(itemsIn(req)).fill(201))), batchOf(4));
    expect(requests.map((r) => r.body)).toEqual([joined([0, 1, 2, 3]), joined([1, 3])]);
    expect(requests.map((r) => r.headers['content-length'])).toEqual([joined([0, 1, 2, 3]), joined([1, 3])].map((b) => String(Buffer.byteLength(b))));
    expect(counters).toMatchObject({ indexed: 4, retried: 2, bytesSent: Buffer.byteLength(joined([0, 1, 2, 3]) + joined([1, 3])) });
  });

  it('splits on 413 by byte ranges: each half is sent as exactly its items', async () => {
    const { requests, counters } = await deliverThrough((req) => (itemsIn(req) > 2 ? esResponse('error-413') : bulkAnswer(Array(itemsIn(req)).fill(201))), batchOf(5));
    expect(requests.map((r) => r.body)).toEqual([joined([0, 1, 2, 3, 4]), joined([0, 1]), joined([2, 3, 4]), joined([2]), joined([3, 4])]);
    expect(counters).toMatchObject({ indexed: 5, deadLettered: 0 });
  });
});
