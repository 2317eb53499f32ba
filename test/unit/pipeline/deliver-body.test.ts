// deliver() hands the sink each request's body already written as UTF-8, for the whole batch
// and for the items it re-sends alone; a scripted destination records what it was given.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BulkResult, BulkSink } from '../../../src/pipeline/bulk-sink.js';
import { byteLengthOf, createDeliver } from '../../../src/pipeline/deliver.js';
import { newShipCounters } from '../../../src/pipeline/ship-summary.js';
import { createBackoff } from '../../../src/sinks/elasticsearch/backoff.js';
import { createMetrics } from '../../../src/telemetry/metrics.js';
import { Health } from '../../../src/telemetry/health.js';

// Multi-byte characters, so bytes and characters differ.
const item = (i: number): string => `{"create":{"_id":"e${i}"}}\n{"subject":"Zürich → Genève ${i}"}\n`;

function recording(answer: (items: readonly string[], call: number) => BulkResult): BulkSink & { bodies: Array<Buffer | undefined> } {
  const bodies: Array<Buffer | undefined> = [];
  return {
    bodies,
    async send(items, _signal, body) {
      bodies.push(body);
      return answer(items, bodies.length - 1);
    },
  };
}

function deliverTo(sink: BulkSink) {
  const logger = pino({ level: 'silent' }, new Writable({ write: (_c, _e, cb) => cb() }));
  return createDeliver({
    sink,
    backoff: createBackoff({ random: () => 0, sleep: async () => undefined }),
    metrics: createMetrics({ version: 'test', defaultMetrics: false }),
    health: new Health(),
    logger,
    counters: newShipCounters(),
    signal: new AbortController().signal,
  });
}

describe('deliver: request bodies', () => {
  it('gives the sink the batch as one UTF-8 body, and a re-sent subset as its own body', async () => {
    const batch = [item(0), item(1), item(2), item(3)];
    const sink = recording((items, call) =>
      call === 0
        ? { action: 'items', indexed: 2, duplicate: 0, retry: [1, 3], retryStatus: 429, retryReason: 'busy', rejected: [] }
        : { action: 'items', indexed: items.length, duplicate: 0, retry: [], rejected: [] },
    );
    await deliverTo(sink)(batch, byteLengthOf(batch));
    expect(sink.bodies.map((b) => b?.toString('utf8'))).toEqual([batch.join(''), item(1) + item(3)]);
    expect(sink.bodies[0]!.length).toBe(byteLengthOf(batch));
  });

  it('refuses to send a body when the byte count it was given is wrong', async () => {
    const batch = [item(0)];
    const sink = recording(() => ({ action: 'items', indexed: 1, duplicate: 0, retry: [], rejected: [] }));
    await expect(deliverTo(sink)(batch, byteLengthOf(batch) + 10)).rejects.toThrow(/bulk body is/);
    expect(sink.bodies).toHaveLength(0);
  });
});
