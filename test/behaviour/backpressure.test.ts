// The bounded queue between the simulation and the cluster (shared/docs/elasticsearch.md): when
// the cluster stalls, the producer waits (default) or the newest events are dropped and counted;
// either way no more than the queue capacity is ever held, in events and in encoded bytes.
import { describe, expect, it } from 'vitest';
import '../utils/engine.js'; // starts the real engine for this file
import { startFaultProxy, type FaultProxy } from '../utils/fault-proxy.js';
import type { TrackingEvent } from '../../src/sim/event.js';
import { bulkEncoder, createShipper, docId, events, metricValue, pushAll, shipSuite, storedIds, type Shipper, type ShipperOptions } from '../utils/shipping.js';

const suite = shipSuite('backpressure');

/** A cluster that holds every bulk request until released, then answers each after `slowMs`. */
async function stalledCluster(options: Partial<ShipperOptions>, slowMs = 0) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let stalled = true;
  const proxy: FaultProxy = await startFaultProxy(suite.engine(), ({ bulkIndex }) =>
    bulkIndex < 0 ? undefined : stalled ? { kind: 'delay', until: released } : slowMs ? { kind: 'delay', ms: slowMs } : undefined,
  );
  const stream = suite.newStream();
  const shipper: Shipper = createShipper({ url: proxy.url, stream, batchMaxCount: 100, concurrency: 2, flushIntervalMs: 50, ...options });
  const unstall = (): void => {
    stalled = false;
    release();
  };
  return { proxy, shipper, stream, unstall };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How many of `evs` a byte bound lets in, and their bytes: an event is let in while the bytes
 * before it are below the bound (its own size is known only once it is encoded).
 */
function admittedBy(queueBytes: number, evs: readonly TrackingEvent[], stream: string): { events: number; bytes: number; largest: number } {
  const encode = bulkEncoder(stream);
  const sizes = evs.map((ev) => Buffer.byteLength(encode(ev)));
  let events = 0;
  let bytes = 0;
  while (bytes < queueBytes) bytes += sizes[events++];
  return { events, bytes, largest: Math.max(...sizes) };
}

/** A stalled cluster behind a queue bounded at 64 KiB (and 10,000 events), `n` events to send. */
async function byteBound(onFull: 'wait' | 'drop', n: number) {
  const queueBytes = 64 * 1024;
  const stalled = await stalledCluster({ queueCapacity: 10_000, queueBytes, onFull });
  const sent = events(n);
  return { ...stalled, sent, queueBytes, expected: admittedBy(queueBytes, sent, stalled.stream) };
}

describe('back-pressure', () => {
  it('makes the producer wait at exactly the queue capacity, then delivers everything', async () => {
    const { proxy, shipper, stream, unstall } = await stalledCluster({ queueCapacity: 300, onFull: 'wait' }, 10);
    const sent = events(1_500);
    const progress = { pushed: 0 };
    let maxQueued = 0;
    let maxGauge = 0;
    const sampler = setInterval(async () => {
      maxQueued = Math.max(maxQueued, shipper.pipeline.stats().events_queued);
      maxGauge = Math.max(maxGauge, await metricValue(shipper.metrics.queueEvents));
    }, 5);
    const producing = pushAll(shipper.pipeline, sent, progress);
    await tick(400);
    // Stalled: the producer got exactly `capacity` events in and is waiting on the next one;
    // only `concurrency` requests are out.
    expect(progress.pushed).toBe(300);
    expect(shipper.pipeline.stats()).toMatchObject({ events_generated: 301, events_queued: 300, events_indexed: 0 });
    expect(proxy.received.filter((r) => r.bulkIndex >= 0)).toHaveLength(2);
    unstall();
    await producing;
    const summary = await shipper.close(30_000);
    clearInterval(sampler);
    await proxy.close();
    expect(summary).toMatchObject({ events_generated: 1_500, events_indexed: 1_500, events_dropped: 0, events_unsent: 0, events_queued: 0 });
    expect(maxQueued).toBe(300);
    expect(maxGauge).toBeLessThanOrEqual(300);
    expect(await storedIds(suite.engine(), stream)).toHaveLength(1_500);
  });

  it('makes the producer wait once the queued bytes reach their bound, though few events are queued', async () => {
    const { proxy, shipper, stream, unstall, sent, expected, queueBytes } = await byteBound('wait', 1_000);
    const progress = { pushed: 0 };
    const producing = pushAll(shipper.pipeline, sent, progress);
    await tick(400);
    // ~40 events of ~1.6 KB: far below the 10,000 events the count bound allows.
    expect(expected.events).toBeLessThan(100);
    expect(progress.pushed).toBe(expected.events);
    expect(shipper.pipeline.stats()).toMatchObject({ events_generated: expected.events + 1, events_queued: expected.events, events_indexed: 0 });
    // The bound holds within one event, and the gauges say so.
    expect(expected.bytes - queueBytes).toBeLessThan(expected.largest);
    expect(await metricValue(shipper.metrics.queueBytes)).toBe(expected.bytes);
    expect(await metricValue(shipper.metrics.queueCapacityBytes)).toBe(queueBytes);
    unstall();
    await producing;
    const summary = await shipper.close(30_000);
    await proxy.close();
    expect(summary).toMatchObject({ events_generated: 1_000, events_indexed: 1_000, events_dropped: 0, events_unsent: 0, events_queued: 0 });
    expect(await metricValue(shipper.metrics.queueBytes)).toBe(0);
    expect(await storedIds(suite.engine(), stream)).toHaveLength(1_000);
  });

  it('drops the newest events once the queued bytes reach their bound, when configured to', async () => {
    const { proxy, shipper, stream, unstall, sent, expected } = await byteBound('drop', 500);
    expect(sent.map((ev) => shipper.pipeline.push(ev)).every((r) => r === undefined)).toBe(true);
    expect(shipper.pipeline.stats()).toMatchObject({ events_generated: 500, events_queued: expected.events, events_dropped: 500 - expected.events });
    unstall();
    const summary = await shipper.close(30_000);
    await proxy.close();
    expect(summary).toMatchObject({ events_indexed: expected.events, events_dropped: 500 - expected.events, events_unsent: 0 });
    expect((await storedIds(suite.engine(), stream)).sort()).toEqual(sent.slice(0, expected.events).map((ev) => docId(ev.seq)).sort());
  });

  it('sends the open batch at once when it alone fills the queue, instead of at its flush interval', async () => {
    const { proxy, shipper, stream, unstall } = await stalledCluster({ queueCapacity: 10_000, queueBytes: 16 * 1024, flushIntervalMs: 60_000 });
    unstall();
    const began = performance.now();
    await pushAll(shipper.pipeline, events(300));
    const summary = await shipper.close(30_000);
    await proxy.close();
    // ~10 events fill 16 KiB: 30 batches, each sent when the queue fills, not after 60 s.
    expect(performance.now() - began).toBeLessThan(20_000);
    expect(summary).toMatchObject({ events_indexed: 300, events_dropped: 0, events_unsent: 0 });
    expect(summary.bulk_requests).toBeGreaterThanOrEqual(20);
    expect(await storedIds(suite.engine(), stream)).toHaveLength(300);
  });

  it('drops the newest events when configured to, counting every one', async () => {
    const { proxy, shipper, stream, unstall } = await stalledCluster({ queueCapacity: 200, onFull: 'drop' });
    const sent = events(1_000);
    // Drop mode never makes the producer wait.
    expect(sent.map((ev) => shipper.pipeline.push(ev)).every((r) => r === undefined)).toBe(true);
    expect(shipper.pipeline.stats()).toMatchObject({ events_generated: 1_000, events_queued: 200, events_dropped: 800 });
    await tick(1_100); // the metrics tick publishes drops while nothing completes
    expect(await metricValue(shipper.metrics.eventsDropped, { reason: 'queue_full' })).toBe(800);
    unstall();
    const summary = await shipper.close(30_000);
    await proxy.close();
    expect(summary).toMatchObject({ events_indexed: 200, events_dropped: 800, events_unsent: 0, events_queued: 0 });
    // The oldest events were kept: drop-newest.
    expect((await storedIds(suite.engine(), stream)).sort()).toEqual(sent.slice(0, 200).map((ev) => docId(ev.seq)).sort());
  });
});
