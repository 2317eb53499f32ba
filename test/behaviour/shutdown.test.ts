// close(grace): stop accepting, flush what is queued and in flight within the grace period,
// report what was left (issue 4 item 6).
import { describe, expect, it } from 'vitest';
import { engineRequest } from '../utils/engine.js';
import { startFaultProxy, type FaultPlan } from '../utils/fault-proxy.js';
import { createShipper, events, metricValue, pushAll, shipSuite, storedIds, type ShipperOptions } from '../utils/shipping.js';

const suite = shipSuite('shutdown');

async function setUp(plan: FaultPlan, options: Partial<ShipperOptions>) {
  const proxy = await startFaultProxy(suite.engine(), plan);
  const stream = suite.newStream();
  return { proxy, stream, shipper: createShipper({ url: proxy.url, stream, batchMaxCount: 100, concurrency: 2, ...options }) };
}
const never = new Promise<void>(() => {});
const LATER = Date.parse('2026-02-23T00:00:00Z');

describe('shutdown', () => {
  it('flushes the open batch and waits for queued and in-flight requests within the grace', async () => {
    const { proxy, stream, shipper } = await setUp(({ bulkIndex }) => (bulkIndex >= 0 ? { kind: 'delay', ms: 100 } : undefined), {
      flushIntervalMs: 60_000, // only close() can send the last, partial batch
      trackLag: true,
      now: () => LATER,
    });
    const sent = events(1_050);
    await pushAll(shipper.pipeline, sent);
    const started = performance.now();
    const summary = await shipper.close(20_000);
    expect(performance.now() - started).toBeLessThan(20_000);
    await proxy.close();
    expect(summary).toMatchObject({ events_generated: 1_050, events_indexed: 1_050, events_unsent: 0, events_queued: 0 });
    const sizes = proxy.received.filter((r) => r.bulkIndex >= 0).map((r) => r.body.split('\n').length >> 1);
    expect(sizes.sort((a, b) => a - b)[0]).toBe(50);
    expect(await storedIds(suite.engine(), stream)).toHaveLength(1_050);
    // Per-batch metrics caught up with every event by the end.
    const generated = (await shipper.metrics.eventsGenerated.get()).values;
    expect(generated.reduce((sum, v) => sum + v.value, 0)).toBe(1_050);
    expect(generated.find((v) => v.labels.event_id === 'RECEIVE')?.value).toBe(sent.filter((ev) => ev.eventId === 'RECEIVE').length);
    expect(await metricValue(shipper.metrics.eventsIndexed)).toBe(1_050);
    expect(await metricValue(shipper.metrics.queueEvents)).toBe(0);
    const lag = await metricValue(shipper.metrics.lagSeconds);
    expect(lag).toBeGreaterThanOrEqual((LATER - sent[1_049].ts) / 1000);
    expect(lag).toBeLessThanOrEqual((LATER - sent[0].ts) / 1000);
  });

  it('gives up when the grace runs out and reports what was left', async () => {
    const { proxy, stream, shipper } = await setUp(({ bulkIndex }) => (bulkIndex >= 0 ? { kind: 'delay', until: never } : undefined), {});
    await pushAll(shipper.pipeline, events(450));
    const started = performance.now();
    const summary = await shipper.close(300);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3_000); // in-flight requests and backoffs are aborted, not waited out
    await proxy.close();
    expect(summary).toMatchObject({ events_generated: 450, events_indexed: 0, events_unsent: 450, events_queued: 0 });
    expect(await metricValue(shipper.metrics.eventsDropped, { reason: 'shutdown' })).toBe(450);
    expect(shipper.logs().some((l) => l.msg === 'shutdown grace over; abandoning unsent events')).toBe(true);
    expect((await engineRequest(suite.engine(), 'GET', `/${stream}/_count`)).status).toBe(404); // nothing reached the engine
  });

  it('counts a producer still waiting for room, and pushes after close, as unsent', async () => {
    const { proxy, shipper } = await setUp(({ bulkIndex }) => (bulkIndex >= 0 ? { kind: 'delay', until: never } : undefined), {
      queueCapacity: 100,
    });
    const evs = events(102);
    for (const ev of evs.slice(0, 100)) expect(shipper.pipeline.push(ev)).toBeUndefined();
    const waiting = shipper.pipeline.push(evs[100]);
    expect(waiting).toBeInstanceOf(Promise);
    const summary = await shipper.close(200);
    await waiting;
    expect(summary).toMatchObject({ events_generated: 101, events_unsent: 101, events_indexed: 0 });
    shipper.pipeline.push(evs[101]);
    expect(shipper.pipeline.stats()).toMatchObject({ events_generated: 102, events_unsent: 102 });
    expect(await shipper.close(200)).toBe(summary); // idempotent
    await proxy.close();
  });
});
