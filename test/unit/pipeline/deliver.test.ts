// The retry, split and dead-letter rules of one batch (shared/docs/elasticsearch.md), with a
// scripted destination standing in for the cluster and zero backoff.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkItems } from '../../../src/pipeline/bulk-items.js';
import type { BulkResult, BulkSink } from '../../../src/pipeline/bulk-sink.js';
import { createDeliver } from '../../../src/pipeline/deliver.js';
import { newShipCounters, type ShipCounters } from '../../../src/pipeline/ship-summary.js';
import { createBackoff } from '../../../src/sinks/elasticsearch/backoff.js';
import { createDeadLetter } from '../../../src/sinks/elasticsearch/dead-letter.js';
import { createMetrics, type Metrics } from '../../../src/telemetry/metrics.js';
import { Health } from '../../../src/telemetry/health.js';

// Subjects carry non-ASCII characters, as simulated ones can: bytes and characters differ.
const SUBJECT = 'Zürich → Genève 😀';
const item = (id: string): string => `{"create":{"_id":"${id}"}}\n{"id":"${id}","subject":"${SUBJECT}"}\n`;
const idOf = (it: string): string => /"_id":"([^"]+)"/.exec(it)![1];
const textsOf = (items: BulkItems): string[] => Array.from({ length: items.count }, (_, i) => items.text(i));
const bytesOf = (texts: readonly string[]): number => Buffer.byteLength(texts.join(''));
const allIndexed = (items: BulkItems): BulkResult => ({ action: 'items', indexed: items.count, duplicate: 0, retry: [], rejected: [] });

/** A destination answering from a script; records the ids each request carried. */
function scripted(answer: (items: BulkItems, call: number) => BulkResult): BulkSink & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async send(items) {
      calls.push(textsOf(items).map(idOf));
      return answer(items, calls.length - 1);
    },
  };
}

let dir: string;
let metrics: Metrics;
let health: Health;
let counters: ShipCounters;
let logLines: string[];
let delays: number[];
let abort: AbortController;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'msgtrack-deliver-'));
  metrics = createMetrics({ version: 'test', defaultMetrics: false });
  health = new Health();
  counters = newShipCounters();
  logLines = [];
  delays = [];
  abort = new AbortController();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deliverTo(sink: BulkSink, deadLetterPath?: string) {
  const logger = pino({ level: 'info' }, new Writable({ write: (c, _e, cb) => (logLines.push(String(c)), cb()) }));
  const deadLetter = deadLetterPath ? createDeadLetter({ path: deadLetterPath, logger }) : undefined;
  const backoff = createBackoff({ random: () => 0.5, sleep: async (ms) => void delays.push(ms) });
  const deliver = createDeliver({ sink, backoff, deadLetter, metrics, health, logger, counters, signal: abort.signal });
  return { deliver: (texts: string[]) => deliver(BulkItems.fromStrings(texts)), deadLetter };
}

const ids = (n: number, p = 'e'): string[] => Array.from({ length: n }, (_, i) => item(`${p}${i}`));
const outcomes = async () => Object.fromEntries((await metrics.bulkRequests.get()).values.map((v) => [v.labels.outcome, v.value]));
const logs = () => logLines.map((l) => JSON.parse(l) as { level: number; msg: string });

describe('deliver', () => {
  it('retries a failing whole request with growing backoff until it lands, marking not ready meanwhile', async () => {
    const readiness: boolean[] = [];
    const sink = scripted((items, call) => {
      readiness.push(health.readiness().ready);
      return call < 3 ? { action: 'retry', status: 503, reason: 'no master' } : allIndexed(items);
    });
    await deliverTo(sink).deliver(ids(4));
    expect(sink.calls).toHaveLength(4);
    expect(sink.calls.every((c) => c.length === 4)).toBe(true);
    expect(delays).toEqual([500, 1_000, 2_000]);
    expect(readiness).toEqual([false, false, false, false]); // 'starting', then the failures
    expect(health.readiness()).toEqual({ ready: true, reason: 'ok' });
    expect(counters).toMatchObject({ indexed: 4, retried: 12, bulkRequests: 4, unsent: 0 });
    expect(await outcomes()).toMatchObject({ retry: 3, success: 1 });
    const warns = logs().filter((l) => l.level === 40);
    expect(warns).toHaveLength(1); // one log for the outage, not one per attempt
    expect(logs().some((l) => l.msg === 'cluster accepting bulk requests again')).toBe(true);
  });

  it('re-sends only the items answered 429/5xx, copied out of the batch', async () => {
    const sink = scripted((items, call) =>
      call === 0
        ? { action: 'items', indexed: 3, duplicate: 0, retry: [1, 4], retryStatus: 429, retryReason: 'rejected execution', rejected: [] }
        : allIndexed(items),
    );
    await deliverTo(sink).deliver(ids(5));
    expect(sink.calls).toEqual([['e0', 'e1', 'e2', 'e3', 'e4'], ['e1', 'e4']]);
    expect(counters).toMatchObject({ indexed: 5, retried: 2, bulkRequests: 2 });
    expect(counters.bytesSent).toBe(bytesOf(ids(5)) + bytesOf([item('e1'), item('e4')]));
    expect(await outcomes()).toMatchObject({ partial: 1, success: 1 });
  });

  it('splits on 413 until the halves fit', async () => {
    const sink = scripted((items) => (items.count > 2 ? { action: 'split', status: 413, reason: 'HTTP 413' } : allIndexed(items)));
    await deliverTo(sink).deliver(ids(5));
    expect(sink.calls).toEqual([
      ['e0', 'e1', 'e2', 'e3', 'e4'],
      ['e0', 'e1'],
      ['e2', 'e3', 'e4'],
      ['e2'],
      ['e3', 'e4'],
    ]);
    expect(counters).toMatchObject({ indexed: 5, deadLettered: 0 });
    expect(await outcomes()).toMatchObject({ too_large: 2, success: 3 });
  });

  it('dead-letters a single event too large to send, and delivers the rest', async () => {
    const path = join(dir, 'dead.ndjson');
    const sink = scripted((items) => (textsOf(items).some((i) => idOf(i) === 'e2') ? { action: 'split', status: 413, reason: 'HTTP 413' } : allIndexed(items)));
    const { deliver, deadLetter } = deliverTo(sink, path);
    await deliver(ids(4));
    await deadLetter!.close();
    expect(counters).toMatchObject({ indexed: 3, deadLettered: 1 });
    const [line] = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toMatchObject({ _id: 'e2', status: 413, error: { type: 'request_too_large' }, document: { id: 'e2', subject: SUBJECT } });
  });

  it('counts 409 as duplicates and dead-letters other item rejections without retrying them', async () => {
    const path = join(dir, 'dead.ndjson');
    const sink = scripted(() => ({
      action: 'items',
      indexed: 1,
      duplicate: 1,
      retry: [],
      rejected: [{ index: 2, status: 400, type: 'document_parsing_exception', reason: 'failed to parse field [source.ip]', id: 'e2' }],
    }));
    const { deliver, deadLetter } = deliverTo(sink, path);
    await deliver(ids(3));
    await deadLetter!.close();
    expect(sink.calls).toHaveLength(1);
    expect(counters).toMatchObject({ indexed: 1, duplicate: 1, deadLettered: 1, retried: 0 });
    expect(await metrics.eventsDeadLettered.get()).toMatchObject({ values: [{ value: 1 }] });
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"reason":"failed to parse field [source.ip]"');
    expect(JSON.parse(lines[0])).toMatchObject({ _id: 'e2', document: { id: 'e2', subject: SUBJECT } });
  });

  it('dead-letters the right item of a re-sent subset, by its position in that subset', async () => {
    const path = join(dir, 'dead.ndjson');
    const sink = scripted((items, call) =>
      call === 0
        ? { action: 'items', indexed: 3, duplicate: 0, retry: [1, 3], retryStatus: 503, retryReason: 'unavailable', rejected: [] }
        : { action: 'items', indexed: 1, duplicate: 0, retry: [], rejected: [{ index: 1, status: 400, type: 'mapper_parsing_exception', reason: 'bad' }] },
    );
    const { deliver, deadLetter } = deliverTo(sink, path);
    await deliver(ids(5));
    await deadLetter!.close();
    expect(sink.calls).toEqual([['e0', 'e1', 'e2', 'e3', 'e4'], ['e1', 'e3']]);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ _id: 'e3', status: 400, document: { id: 'e3', subject: SUBJECT } })]);
    expect(counters).toMatchObject({ indexed: 4, deadLettered: 1, retried: 2 });
  });

  it('dead-letters every item of a request the cluster rejects as a whole', async () => {
    const path = join(dir, 'dead.ndjson');
    const sink = scripted(() => ({ action: 'reject', status: 400, type: 'illegal_argument_exception', reason: 'Malformed action/metadata line [1]' }));
    const { deliver, deadLetter } = deliverTo(sink, path);
    await deliver(ids(3));
    await deadLetter!.close();
    expect(counters).toMatchObject({ indexed: 0, deadLettered: 3 });
    expect(await outcomes()).toMatchObject({ error: 1 });
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l._id, l.document])).toEqual(['e0', 'e1', 'e2'].map((id) => [id, { id, subject: SUBJECT }]));
  });

  it('keeps retrying refused credentials while running, logged once as an error', async () => {
    const sink = scripted((items, call) => (call < 5 ? { action: 'auth', status: 401, reason: 'unable to authenticate' } : allIndexed(items)));
    await deliverTo(sink).deliver(ids(2));
    expect(counters.indexed).toBe(2);
    const errors = logs().filter((l) => l.level === 50);
    expect(errors.map((l) => l.msg)).toEqual(['cluster refused the credentials; retrying with backoff']);
    expect(await outcomes()).toMatchObject({ auth: 5, success: 1 });
  });

  it('logs dead letters at the 1st, 10th and 100th only', async () => {
    const sink = scripted(() => ({ action: 'reject', status: 400, type: 'x', reason: 'y' }));
    const { deliver } = deliverTo(sink);
    for (let i = 0; i < 40; i++) await deliver(ids(3, `b${i}-`));
    expect(counters.deadLettered).toBe(120);
    expect(logs().filter((l) => l.level === 50)).toHaveLength(3);
  });

  it('gives up and counts the batch unsent once aborted (shutdown grace over)', async () => {
    const sink = scripted((_items, call) => {
      if (call === 2) abort.abort();
      return { action: 'retry', reason: 'ConnectionError: connect ECONNREFUSED' };
    });
    await deliverTo(sink).deliver(ids(6));
    expect(sink.calls).toHaveLength(3);
    expect(counters).toMatchObject({ unsent: 6, indexed: 0 });
    expect(await outcomes()).toMatchObject({ network: 3 });
    expect(health.readiness()).toEqual({ ready: false, reason: 'ConnectionError: connect ECONNREFUSED' });
  });
});
