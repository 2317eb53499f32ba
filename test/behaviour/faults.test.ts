// Every rule of the bulk answer table (shared/docs/elasticsearch.md) against the real engine with
// a fault-injecting proxy in front of it. Each scenario ends with every event stored exactly once
// or dead-lettered with its reason, and the summary equal to what the engine holds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShipSummary } from '../../src/pipeline/ship-summary.js';
import type { TrackingEvent } from '../../src/sim/event.js';
import '../utils/engine.js'; // starts the real engine for this file
import { startFaultProxy, type FaultPlan, type FaultProxy } from '../utils/fault-proxy.js';
import { esResponse } from '../utils/replay-server.js';
import { createShipper, docId, events, metricValue, pushAll, shipSuite, storedIds, type Shipper, type ShipperOptions } from '../utils/shipping.js';

const suite = shipSuite('faults');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'msgtrack-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  summary: ShipSummary;
  stored: string[];
  proxy: FaultProxy;
  shipper: Shipper;
  sent: TrackingEvent[];
}

/** Ships `sent` through a proxy following `plan`; `during` runs while events are pushed. */
async function ship(sent: TrackingEvent[], plan: FaultPlan, options: Partial<ShipperOptions> = {}, during?: (proxy: FaultProxy, shipper: Shipper) => Promise<void>): Promise<Outcome> {
  const stream = suite.newStream();
  const proxy = await startFaultProxy(suite.engine(), plan);
  const shipper = createShipper({ url: proxy.url, stream, batchMaxCount: 50, concurrency: 3, ...options });
  const pushing = pushAll(shipper.pipeline, sent);
  await during?.(proxy, shipper);
  await pushing;
  const summary = await shipper.close(30_000);
  await proxy.close();
  return { summary, stored: await storedIds(suite.engine(), stream), proxy, shipper, sent };
}

/** Everything not dead-lettered is stored exactly once, and the summary says so. */
function expectExactlyOnce({ summary, stored, sent }: Outcome, deadLettered: readonly number[] = []): void {
  const rejected = new Set(deadLettered.map((seq) => docId(seq)));
  const expected = sent.map((ev) => docId(ev.seq)).filter((id) => !rejected.has(id));
  expect([...stored].sort()).toEqual(expected.sort());
  expect(summary).toMatchObject({
    events_generated: sent.length,
    events_dead_lettered: deadLettered.length,
    events_dropped: 0,
    events_unsent: 0,
    events_queued: 0,
  });
  expect(summary.events_indexed + summary.events_duplicate).toBe(stored.length);
}

const recorded = (name: string) => {
  const r = esResponse(name);
  return { kind: 'status' as const, status: r.statusCode, body: r.body, headers: r.headers };
};
const bulks = (proxy: FaultProxy) => proxy.received.filter((r) => r.bulkIndex >= 0);

describe('shipping through faults, into the real engine', () => {
  it('rides out whole-request 429 and 503 bursts', async () => {
    const burst = (i: number): boolean => i < 6 || (i >= 12 && i < 16);
    const out = await ship(events(600), ({ bulkIndex }) => (burst(bulkIndex) ? recorded(bulkIndex % 2 ? 'error-503' : 'error-429') : undefined));
    expectExactlyOnce(out);
    expect(out.summary.events_duplicate).toBe(0);
    expect(await metricValue(out.shipper.metrics.bulkRequests, { outcome: 'retry' })).toBe(10);
    expect(out.summary.events_retried).toBe(500); // ten refused requests of 50
    expect(out.shipper.health.readiness().ready).toBe(true);
  });

  it('re-sends only the items answered 429', async () => {
    const refusedOnce = new Set<string>();
    const out = await ship(events(600), () => ({
      kind: 'items',
      status: (id) => (id.charCodeAt(id.length - 1) % 4 === 0 && !refusedOnce.has(id) ? (refusedOnce.add(id), 429) : undefined),
    }));
    expectExactlyOnce(out);
    expect(refusedOnce.size).toBeGreaterThan(50);
    expect(out.summary).toMatchObject({ events_retried: refusedOnce.size, events_indexed: 600, events_duplicate: 0 });
    // Each refused item went out once more, in requests that carried nothing else.
    const sentIds = bulks(out.proxy).map((r) => [...r.body.matchAll(/"_id":"([^"]*)"/g)].map((m) => m[1]));
    expect(sentIds.flat()).toHaveLength(600 + refusedOnce.size);
    const resends = sentIds.filter((ids) => ids.every((id) => refusedOnce.has(id)));
    expect(resends.flat().sort()).toEqual([...refusedOnce].sort());
  });

  it('survives connection resets, before and after the engine stored the batch, without duplicates', async () => {
    const out = await ship(events(600), ({ bulkIndex }) =>
      bulkIndex === 0 ? { kind: 'reset' } : bulkIndex === 2 || bulkIndex === 5 ? { kind: 'reset', afterForward: true } : undefined,
    );
    expectExactlyOnce(out);
    expect(out.summary.events_duplicate).toBeGreaterThan(0); // the stored-then-reset batches came back 409
    expect(await metricValue(out.shipper.metrics.bulkRequests, { outcome: 'network' })).toBe(3);
  });

  it('retries requests slower than the request timeout; what landed late counts once', async () => {
    const out = await ship(events(400), ({ bulkIndex }) => (bulkIndex === 1 || bulkIndex === 3 ? { kind: 'delay', ms: 1_500 } : undefined), { requestTimeoutMs: 600 });
    expectExactlyOnce(out);
    // At least the two delayed ones; a slow engine on a busy machine may time out more.
    expect(await metricValue(out.shipper.metrics.bulkRequests, { outcome: 'network' })).toBeGreaterThanOrEqual(2);
    expect(out.shipper.logs().some((l) => l.level === 40 && l.reason === 'request timed out')).toBe(true);
  });

  it('splits batches answered 413 and dead-letters the one event too large on its own', async () => {
    const LIMIT = 40_000;
    const deadLetterPath = join(dir, 'too-large.ndjson');
    const huge = 37;
    const sent = events(500, (seq) => (seq === huge ? { subject: 'x'.repeat(50_000) } : undefined));
    const out = await ship(sent, ({ body }) => (Buffer.byteLength(body) > LIMIT ? recorded('error-413') : undefined), { batchMaxCount: 200, deadLetterPath });
    expectExactlyOnce(out, [huge]);
    expect(await metricValue(out.shipper.metrics.bulkRequests, { outcome: 'too_large' })).toBeGreaterThan(5);
    const [line, ...rest] = readFileSync(deadLetterPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rest).toHaveLength(0);
    expect(line).toMatchObject({ _id: docId(huge), status: 413, error: { type: 'request_too_large' } });
    expect(line.document.email.subject).toHaveLength(50_000);
  });

  it('dead-letters documents the engine rejects for their mapping, with the reason, and stores the rest', async () => {
    const deadLetterPath = join(dir, 'mapping.ndjson');
    const bad = (seq: number): boolean => seq % 50 === 1; // seq 1 is a RECEIVE with a client IP
    const sent = events(300, (seq) => (bad(seq) ? { clientIp: 'not-an-ip' } : undefined));
    const badSeqs = sent.filter((ev) => bad(ev.seq)).map((ev) => ev.seq);
    const out = await ship(sent, () => undefined, { deadLetterPath });
    expectExactlyOnce(out, badSeqs);
    const lines = readFileSync(deadLetterPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l._id).sort()).toEqual(badSeqs.map((seq) => docId(seq)).sort());
    expect(lines[0]).toMatchObject({ status: 400, error: { type: 'mapper_parsing_exception', reason: expect.stringContaining('[ip]') } });
    expect(lines[0].document.source.ip).toBe('not-an-ip');
    expect(out.shipper.logs().filter((l) => l.level === 50 && String(l.msg).startsWith('events rejected'))).toHaveLength(1); // the 1st only: 6 < 10
  });

  it('waits for a cluster that is down at start, not ready meanwhile', async () => {
    let readinessWhileDown = '';
    const out = await ship(events(400), () => undefined, {}, async (proxy, shipper) => {
      await proxy.down();
      await new Promise((r) => setTimeout(r, 400));
      readinessWhileDown = JSON.stringify(shipper.health.readiness());
      await proxy.up();
    });
    expectExactlyOnce(out);
    expect(readinessWhileDown).toMatch(/"ready":false.*ConnectionError/);
    const logs = out.shipper.logs().map((l) => l.msg);
    expect(logs.filter((m) => m === 'bulk request failed; retrying with backoff until the cluster answers')).toHaveLength(1);
    expect(logs).toContain('cluster accepting bulk requests again');
  });

  it('waits out an outage mid-run and resumes', async () => {
    const out = await ship(events(1_000), () => undefined, { batchMaxCount: 25, concurrency: 2 }, async (proxy) => {
      while (bulks(proxy).length < 5) await new Promise((r) => setTimeout(r, 5));
      await proxy.down();
      await new Promise((r) => setTimeout(r, 400));
      await proxy.up();
    });
    expectExactlyOnce(out);
    expect(await metricValue(out.shipper.metrics.bulkRequests, { outcome: 'network' })).toBeGreaterThan(0);
    expect(out.shipper.health.readiness().ready).toBe(true);
  });
});
