// The bench's null cluster, driven by msgtrack's own client and sink as the shipper drives it.
import { afterEach, describe, expect, it } from 'vitest';
import { startNullCluster, type NullCluster } from '../../../bench/null-cluster.js';
import { BulkItems } from '../../../src/pipeline/bulk-items.js';
import { installClusterAssets } from '../../../src/setup/install-cluster.js';
import { checkCluster } from '../../../src/sinks/elasticsearch/check-cluster.js';
import { createClient } from '../../../src/sinks/elasticsearch/client.js';
import { createElasticsearchSink } from '../../../src/sinks/elasticsearch/elasticsearch-sink.js';

const STREAM = 'logs-microsoft_exchange.messagetracking-default';
const item = (i: number): string =>
  `{"create":{"_id":"id${i}"}}\n{"@timestamp":"2026-02-23T00:00:${String(i).padStart(2, '0')}.000Z","subject":"s${i}"}\n`;

let cluster: NullCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('null cluster', () => {
  it('passes for Elasticsearch 8, takes the setup, and answers every bulk item with success', async () => {
    cluster = await startNullCluster();
    const client = createClient({ hosts: [cluster.url] });
    expect(await checkCluster(client)).toMatchObject({ ok: true, distribution: 'elasticsearch', version: '8.17.0' });
    const installed = await installClusterAssets(client, { target: 'elasticsearch', pipelineName: 'p' });
    expect(installed.every((r) => r.action === 'created')).toBe(true);

    const sink = createElasticsearchSink({ client, dataStream: STREAM });
    const batch = BulkItems.fromStrings(Array.from({ length: 37 }, (_, i) => item(i)));
    const results = [await sink.send(batch, new AbortController().signal), await sink.send(batch.range(0, 5), new AbortController().signal)];
    await client.close();
    expect(results).toEqual([
      { action: 'items', indexed: 37, duplicate: 0, retry: [], rejected: [] },
      { action: 'items', indexed: 5, duplicate: 0, retry: [], rejected: [] },
    ]);
    expect(cluster.items).toBe(42);
    expect(cluster.requests).toBe(2);
    expect(cluster.arrivals.map((a) => [a.items, a.newestTs])).toEqual([
      [37, Date.parse('2026-02-23T00:00:36.000Z')],
      [42, Date.parse('2026-02-23T00:00:04.000Z')],
    ]);
  });

  it('in blackhole mode reads a bulk request and never answers it', async () => {
    cluster = await startNullCluster({ blackhole: true });
    const client = createClient({ hosts: [cluster.url] });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const result = await createElasticsearchSink({ client, dataStream: STREAM }).send(BulkItems.fromStrings([item(1), item(2)]), stop.signal);
    await client.close();
    expect(result).toMatchObject({ action: 'retry', reason: expect.stringContaining('RequestAbortedError') });
    expect(cluster.items).toBe(2);
  });
});
