import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { TrackingEvent } from '../sim/event.js';
import { EventTally } from '../telemetry/event-tally.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Health } from '../telemetry/health.js';
import { createBackoff, type Backoff } from '../sinks/elasticsearch/backoff.js';
import type { BulkSink, DeadLetterSink } from './bulk-sink.js';
import { createBatcher, type Batch } from './batcher.js';
import { CapacityGate } from './capacity-gate.js';
import { createDeliver } from './deliver.js';
import { newShipCounters, toShipSummary, type ShipSummary } from './ship-summary.js';

/**
 * simulation → push → encoder → batcher → bounded queue → bulk requests (p-queue, bounded
 * concurrency) → result handling. The queue bound covers every event accepted and not settled,
 * in events (`queueCapacity`) and in encoded bytes (`queueBytes`), so memory stays near
 * `queueBytes` whatever the cluster does; when either is reached the producer waits (`wait`,
 * back-pressure) or the newest event is dropped and counted (`drop`). Encoded events are held as
 * UTF-8 bytes in the batches' buffers, not as JS strings (see BulkItems).
 */

export type OnFull = 'wait' | 'drop';

export interface PipelineOptions {
  /** The bulk item encoder: action line + document line, both "\n"-terminated. */
  readonly encode: (ev: TrackingEvent) => string;
  readonly sink: BulkSink;
  readonly metrics: Metrics;
  readonly health: Health;
  readonly logger: Logger;
  readonly deadLetter?: DeadLetterSink;
  /** Bound of the queue in events. */
  readonly queueCapacity?: number;
  /** Bound of the queue in encoded (UTF-8) bytes; held within one event. */
  readonly queueBytes?: number;
  readonly onFull?: OnFull;
  /** Bulk requests in flight at once. */
  readonly concurrency?: number;
  readonly batchMaxBytes?: number;
  readonly batchMaxCount?: number;
  readonly flushIntervalMs?: number;
  readonly backoff?: Backoff;
  /** Set `msgtrack_lag_seconds` from shipped event timestamps (live mode). */
  readonly trackLag?: boolean;
  readonly now?: () => number;
}

export interface Pipeline {
  /** Undefined when the event was taken at once (the hot path allocates no promise); in `wait`
   *  mode a promise when the queue is full, resolved once the event is in. Await it. */
  push(ev: TrackingEvent): void | Promise<void>;
  /** Sends the open batch now instead of at its flush interval: the producer has nothing more
   *  for a while (the end of a span), so waiting would only add up to `flushIntervalMs`. */
  flush(): void;
  /** Stops accepting, flushes, waits up to `graceMs` for queued and in-flight events, then
   *  aborts what is left (counted as unsent). Idempotent. */
  close(graceMs: number): Promise<ShipSummary>;
  stats(): ShipSummary;
}

export const PIPELINE_DEFAULTS = {
  queueCapacity: 10_000,
  queueBytes: 25 * 1024 * 1024,
  onFull: 'wait' as OnFull,
  concurrency: 4,
  batchMaxBytes: 5 * 1024 * 1024,
  batchMaxCount: 2_000,
  flushIntervalMs: 1_000,
} as const;

export function createPipeline(options: PipelineOptions): Pipeline {
  const o = { ...PIPELINE_DEFAULTS, ...stripUndefined(options) };
  const { encode, metrics, health, logger, deadLetter } = o;
  const now = o.now ?? Date.now;
  const counters = newShipCounters();
  const gate = new CapacityGate(o.queueCapacity, o.queueBytes);
  const requests = new PQueue({ concurrency: o.concurrency });
  const abort = new AbortController();
  const deliver = createDeliver({
    sink: o.sink,
    backoff: o.backoff ?? createBackoff(),
    deadLetter,
    metrics,
    health,
    logger,
    counters,
    signal: abort.signal,
  });

  // Per-event tallies, published to the metrics per batch and on a slow tick.
  const generated = new EventTally(metrics);
  let published = { dropped: 0, unsent: 0 };
  const publish = (): void => {
    generated.publish();
    if (counters.dropped > published.dropped) metrics.eventsDropped.labels('queue_full').inc(counters.dropped - published.dropped);
    if (counters.unsent > published.unsent) metrics.eventsDropped.labels('shutdown').inc(counters.unsent - published.unsent);
    published = { dropped: counters.dropped, unsent: counters.unsent };
    metrics.queueEvents.set(gate.size);
    metrics.queueBytes.set(gate.bytes);
  };
  metrics.queueCapacityEvents.set(o.queueCapacity);
  metrics.queueCapacityBytes.set(o.queueBytes);
  // Drops happen while nothing completes (cluster down), so counters must not wait for a batch.
  const ticker = setInterval(() => {
    publish();
    health.beat('pipeline');
  }, 1_000);
  ticker.unref();
  health.beat('pipeline');

  const ship = async (batch: Batch): Promise<void> => {
    try {
      await deliver(batch.items);
      if (o.trackLag) metrics.lagSeconds.set((now() - batch.newestTs) / 1000);
    } finally {
      gate.release(batch.items.count, batch.items.bytes);
      batcher.recycle(batch);
      metrics.queueEvents.set(gate.size);
      metrics.queueBytes.set(gate.bytes);
    }
  };
  const batcher = createBatcher({
    maxBytes: o.batchMaxBytes,
    maxCount: o.batchMaxCount,
    flushIntervalMs: o.flushIntervalMs,
    // Steady state: one batch filling, the requests in flight, one settling.
    spareBuffers: o.concurrency + 1,
    onFlush: (batch) => {
      publish();
      requests.add(() => ship(batch)).catch((err: unknown) => logger.error({ err }, 'bulk delivery failed unexpectedly'));
    },
  });

  // The slot was taken before encoding; its bytes are known once the item is in a batch.
  const accept = (ev: TrackingEvent): void => gate.charge(batcher.add(encode(ev), ev.ts));
  let closed = false;
  let closing: Promise<ShipSummary> | undefined;

  return {
    push(ev) {
      generated.count(ev.eventId);
      counters.generated++;
      if (closed) {
        counters.unsent++;
        return;
      }
      if (gate.tryTake()) return accept(ev);
      // Full, and all of it in the open batch (a queue smaller than a batch): nothing in flight
      // will make room, so the batch leaves now rather than at its flush interval.
      if (batcher.size === gate.size) batcher.flush();
      if (o.onFull === 'drop') {
        counters.dropped++;
        return;
      }
      return gate.take().then((taken) => {
        if (taken && !closed) return accept(ev);
        if (taken) {
          gate.charge(0);
          gate.release(1, 0);
        }
        counters.unsent++;
      });
    },

    flush: () => batcher.flush(),

    close(graceMs) {
      closing ??= (async () => {
        closed = true;
        gate.close();
        batcher.flush();
        let timer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<'grace'>((resolve) => (timer = setTimeout(resolve, Math.max(0, graceMs), 'grace')));
        const first = await Promise.race([requests.onIdle().then(() => 'idle' as const), graceOver]);
        clearTimeout(timer);
        if (first === 'grace') {
          logger.warn({ grace_ms: graceMs, events_queued: gate.size }, 'shutdown grace over; abandoning unsent events');
          abort.abort();
          await requests.onIdle();
        }
        clearInterval(ticker);
        publish();
        await deadLetter?.close();
        health.retire('pipeline');
        return toShipSummary(counters, gate.size);
      })();
      return closing;
    },

    stats: () => toShipSummary(counters, gate.size),
  };
}

/** Lets `undefined` in the options fall back to the defaults instead of overriding them. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
