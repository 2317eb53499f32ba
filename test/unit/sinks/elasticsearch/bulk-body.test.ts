// A bulk request's body is the bytes of its items as the batcher wrote them (src/pipeline/
// bulk-items.ts), sent without a copy, against real local HTTP servers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BulkItems } from '../../../../src/pipeline/bulk-items.js';
import { createClient } from '../../../../src/sinks/elasticsearch/client.js';
import { createElasticsearchSink } from '../../../../src/sinks/elasticsearch/elasticsearch-sink.js';
import { esResponse, startReplayServer, type ReplayServer } from '../../../utils/replay-server.js';

const STREAM = 'logs-microsoft_exchange.messagetracking-default';
const items = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `{"create":{"_id":"Yq2kH0b9T3mWc1vX8sLr0A${i}"}}\n{"@timestamp":"2025-09-01T10:00:0${i}.000Z","subject":"Zürich ${i}"}\n`);

let replay: ReplayServer | undefined;
let dropper: Server | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
  await new Promise((resolve) => (dropper ? dropper.close(resolve) : resolve(undefined)));
  dropper = undefined;
});

describe('a buffer body', () => {
  it('is sent byte for byte, with its length, also when it is a part of a larger buffer', async () => {
    replay = await startReplayServer(() => esResponse('bulk-success'));
    const texts = items(5);
    const part = BulkItems.fromStrings(texts).range(1, 4); // neither first nor last byte of the buffer
    const client = createClient({ hosts: [replay.url] });
    const result = await createElasticsearchSink({ client, dataStream: STREAM }).send(part, new AbortController().signal);
    await client.close();
    expect(result).toMatchObject({ action: 'items', indexed: 3 });
    expect(replay.requests[0].body).toBe(texts.slice(1, 4).join(''));
    expect(replay.requests[0].headers['content-length']).toBe(String(Buffer.byteLength(texts.slice(1, 4).join(''))));
  });

  it('keeps a failed request cheap: a 5 MiB body fails about as fast as it is sent', async () => {
    // Drops every connection once the request is in: the client reports a ConnectionError, whose
    // diagnostic metadata holds the request parameters, body included.
    dropper = createServer((req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    await new Promise<void>((resolve) => dropper!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
    const client = createClient({ hosts: [url] });
    const sink = createElasticsearchSink({ client, dataStream: STREAM });
    const body = new BulkItems(Buffer.alloc(5 * 1024 * 1024, 0x20), Uint32Array.of(0, 5 * 1024 * 1024), 1);

    const heapBefore = process.memoryUsage().heapUsed;
    const began = performance.now();
    const result = await sink.send(body, new AbortController().signal);
    const seconds = (performance.now() - began) / 1000;
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    await client.close();

    expect(result).toMatchObject({ action: 'retry', reason: expect.stringContaining('ConnectionError') });
    // Copying the body entry by entry (the client's 'replace' redaction) takes seconds and
    // hundreds of megabytes of heap; sending and failing takes milliseconds.
    expect(seconds).toBeLessThan(1.5);
    expect(heapGrowthMb).toBeLessThan(64);
  });
});
