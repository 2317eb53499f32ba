import type { Logger } from 'pino';
import { BULK_OUTCOMES, type BulkOutcome, type Metrics } from '../telemetry/metrics.js';
import type { Health } from '../telemetry/health.js';
import type { Backoff } from '../sinks/elasticsearch/backoff.js';
import type { BulkItems } from './bulk-items.js';
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
 * - 413 → split in two (views of the batch's bytes) and deliver both halves; a single item too
 *   large is dead-lettered;
 * - item 429/5xx → back off and re-send only those items, copied out of the batch's bytes;
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

export type Deliver = (items: BulkItems) => Promise<void>;

export function createDeliver(o: DeliverOptions): Deliver {
  const { sink, backoff, deadLetter, metrics, counters, signal } = o;
  const byOutcome = {} as Record<BulkOutcome, { inc(n?: number): void }>;
  for (const outcome of BULK_OUTCOMES) {
    byOutcome[outcome] = metrics.bulkRequests.labels(outcome);
  }
  const failures = createFailureLog(o.logger, o.health);

  const send = async (items: BulkItems): Promise<BulkResult> => {
    const { bytes } = items;
    metrics.inflightRequests.inc();
    const endTimer = metrics.bulkRequestDuration.startTimer();
    let result: BulkResult;
    try {
      result = await sink.send(items, signal);
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

  const reject = (items: BulkItems, rejections: readonly ItemRejection[]): void => {
    deadLetter?.write(items, rejections);
    counters.deadLettered += rejections.length;
    metrics.eventsDeadLettered.inc(rejections.length);
    failures.deadLettered(rejections[0], counters.deadLettered);
  };

  const deliver: Deliver = async (items) => {
    let todo = items;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) {
        counters.unsent += todo.count;
        return;
      }
      if (attempt > 0) {
        counters.retried += todo.count;
        metrics.eventsRetried.inc(todo.count);
      }
      const result = await send(todo);
      switch (result.action) {
        case 'items': {
          counters.indexed += result.indexed;
          counters.duplicate += result.duplicate;
          if (result.indexed > 0) metrics.eventsIndexed.inc(result.indexed);
          if (result.duplicate > 0) metrics.eventsDuplicate.inc(result.duplicate);
          if (result.rejected.length > 0) reject(todo, result.rejected);
          if (result.retry.length === 0) return;
          todo = todo.pick(result.retry);
          break;
        }
        case 'split': {
          if (todo.count === 1) {
            reject(todo, [{ index: 0, status: result.status, type: 'request_too_large', reason: `a single event is larger than the cluster accepts: ${result.reason}` }]);
            return;
          }
          const half = todo.count >>> 1;
          await deliver(todo.range(0, half));
          await deliver(todo.range(half, todo.count));
          return;
        }
        case 'reject': {
          const { status, type, reason } = result;
          reject(todo, Array.from({ length: todo.count }, (_, index) => ({ index, status, type, reason })));
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
