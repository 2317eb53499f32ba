import type { Logger } from 'pino';
import { BULK_OUTCOMES, type BulkOutcome, type Metrics } from '../telemetry/metrics.js';
import type { Health } from '../telemetry/health.js';
import type { Backoff } from '../sinks/elasticsearch/backoff.js';
import type { BulkResult, BulkSink, DeadLetterSink, ItemRejection } from './bulk-sink.js';
import type { ShipCounters } from './ship-summary.js';
import { createFailureLog } from './failure-log.js';

/**
 * Settles one batch: sends it and acts on the answer until every item is indexed, duplicate,
 * dead-lettered or — once `signal` aborts at the end of the shutdown grace — unsent
 * (shared/docs/elasticsearch.md, the bulk answer table):
 *
 * - whole-request retry / auth failure → back off and send the same items again, forever while
 *   running (the batch holds its request slot, so the queue fills and the producer waits);
 * - 413 → split in two and deliver both halves; a single item too large is dead-lettered;
 * - item 429/5xx → back off and re-send only those items, from the originals kept in the batch;
 * - item or request rejections → dead-letter with the reason, never retried.
 *
 * Metrics are updated per request, never per event.
 */

export interface DeliverOptions {
  readonly sink: BulkSink;
  readonly backoff: Backoff;
  readonly deadLetter?: DeadLetterSink;
  readonly metrics: Metrics;
  readonly health: Health;
  readonly logger: Logger;
  readonly counters: ShipCounters;
  /** Aborted when the shutdown grace runs out: in-flight requests and backoffs end at once. */
  readonly signal: AbortSignal;
}

export type Deliver = (items: readonly string[], bytes: number) => Promise<void>;

export function createDeliver(o: DeliverOptions): Deliver {
  const { sink, backoff, deadLetter, metrics, counters, signal } = o;
  const byOutcome = {} as Record<BulkOutcome, { inc(n?: number): void }>;
  for (const outcome of BULK_OUTCOMES) {
    byOutcome[outcome] = metrics.bulkRequests.labels(outcome);
  }
  const failures = createFailureLog(o.logger, o.health);

  const send = async (items: readonly string[], bytes: number): Promise<BulkResult> => {
    metrics.inflightRequests.inc();
    const endTimer = metrics.bulkRequestDuration.startTimer();
    let result: BulkResult;
    try {
      result = await sink.send(items, signal, bodyOf(items, bytes));
    } finally {
      endTimer();
      metrics.inflightRequests.dec();
    }
    counters.bulkRequests++;
    counters.bytesSent += bytes;
    metrics.sentBytes.inc(bytes);
    metrics.bulkRequestBytes.observe(bytes);
    byOutcome[outcomeOf(result)].inc();
    // A request we aborted at the end of the grace says nothing about the cluster.
    if (!signal.aborted) failures.note(result);
    return result;
  };

  const reject = (items: readonly string[], rejections: readonly ItemRejection[]): void => {
    deadLetter?.write(items, rejections);
    counters.deadLettered += rejections.length;
    metrics.eventsDeadLettered.inc(rejections.length);
    failures.deadLettered(rejections[0], counters.deadLettered);
  };

  const deliver: Deliver = async (items, bytes) => {
    let todo = items;
    let todoBytes = bytes;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) {
        counters.unsent += todo.length;
        return;
      }
      if (attempt > 0) {
        counters.retried += todo.length;
        metrics.eventsRetried.inc(todo.length);
      }
      const result = await send(todo, todoBytes);
      switch (result.action) {
        case 'items': {
          counters.indexed += result.indexed;
          counters.duplicate += result.duplicate;
          if (result.indexed > 0) metrics.eventsIndexed.inc(result.indexed);
          if (result.duplicate > 0) metrics.eventsDuplicate.inc(result.duplicate);
          if (result.rejected.length > 0) reject(todo, result.rejected);
          if (result.retry.length === 0) return;
          const sent = todo;
          todo = result.retry.map((i) => sent[i]);
          todoBytes = byteLengthOf(todo);
          break;
        }
        case 'split': {
          if (todo.length === 1) {
            reject(todo, [{ index: 0, status: result.status, type: 'request_too_large', reason: `a single event is larger than the cluster accepts: ${result.reason}` }]);
            return;
          }
          const half = todo.length >>> 1;
          const first = todo.slice(0, half);
          const second = todo.slice(half);
          await deliver(first, byteLengthOf(first));
          await deliver(second, byteLengthOf(second));
          return;
        }
        case 'reject': {
          const { status, type, reason } = result;
          reject(todo, todo.map((_, index) => ({ index, status, type, reason })));
          return;
        }
        case 'retry':
        case 'auth':
          break;
      }
      await backoff.sleep(backoff.delay(attempt), signal);
    }
  };
  return deliver;
}

function outcomeOf(result: BulkResult): BulkOutcome {
  switch (result.action) {
    case 'items':
      return result.retry.length > 0 || result.rejected.length > 0 ? 'partial' : 'success';
    case 'retry':
      return result.status === undefined ? 'network' : 'retry';
    case 'split':
      return 'too_large';
    case 'auth':
      return 'auth';
    case 'reject':
      return 'error';
  }
}

/**
 * The request body: each item written once, as UTF-8, into a buffer of the size already known.
 * Joining the items into a multi-megabyte string instead costs a large-object allocation and a
 * copy, then a length scan and a conversion in the transport (`npm run bench`, null cluster:
 * about 10% of the shipper's CPU and 80 MB of its peak RSS).
 */
function bodyOf(items: readonly string[], bytes: number): Buffer {
  const body = Buffer.allocUnsafe(bytes);
  let offset = 0;
  for (let i = 0; i < items.length; i++) offset += body.write(items[i], offset);
  // `bytes` is the batch's own byte count: a mismatch is a programming error, so fail loudly.
  if (offset !== bytes) throw new Error(`bulk body is ${offset} bytes, expected ${bytes}`);
  return body;
}

export function byteLengthOf(items: readonly string[]): number {
  let bytes = 0;
  for (const item of items) bytes += Buffer.byteLength(item);
  return bytes;
}
