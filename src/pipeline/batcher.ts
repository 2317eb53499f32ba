/**
 * Groups encoded bulk items into batches, flushed on bytes, on count, or when the batch has been
 * open for `flushIntervalMs` — whichever comes first. The timer starts with a batch's first item
 * and is never restarted by later items: the official client's bulk helper uses an idle timer
 * that restarts on every document, which at low rates holds data back indefinitely
 * (shared/docs/elasticsearch.md). Bytes are checked before adding, so a batch stays within
 * `maxBytes` unless one item alone is larger.
 */

export interface Batch {
  /** Pre-encoded items, kept as they are so failed ones can be re-sent alone. */
  readonly items: string[];
  /** UTF-8 bytes of all items together (the request body size). */
  readonly bytes: number;
  /** Largest event timestamp in the batch (epoch ms). */
  readonly newestTs: number;
}

export interface BatcherOptions {
  readonly maxBytes: number;
  readonly maxCount: number;
  readonly flushIntervalMs: number;
  readonly onFlush: (batch: Batch) => void;
}

export interface Batcher {
  add(item: string, bytes: number, ts: number): void;
  /** Emits the open batch now, if any. */
  flush(): void;
  /** Items in the open batch. */
  readonly size: number;
}

export function createBatcher(options: BatcherOptions): Batcher {
  const { maxBytes, maxCount, flushIntervalMs, onFlush } = options;
  if (!(maxBytes > 0) || !(maxCount >= 1) || !(flushIntervalMs > 0)) {
    throw new RangeError(`batcher needs maxBytes > 0, maxCount >= 1, flushIntervalMs > 0; got ${maxBytes}, ${maxCount}, ${flushIntervalMs}`);
  }
  let items: string[] = [];
  let bytes = 0;
  let newestTs = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (items.length === 0) return;
    const batch: Batch = { items, bytes, newestTs };
    items = [];
    bytes = 0;
    newestTs = -Infinity;
    onFlush(batch);
  };

  return {
    add(item, itemBytes, ts) {
      if (items.length > 0 && bytes + itemBytes > maxBytes) flush();
      items.push(item);
      bytes += itemBytes;
      if (ts > newestTs) newestTs = ts;
      if (items.length >= maxCount || bytes >= maxBytes) flush();
      else if (timer === undefined) timer = setTimeout(flush, flushIntervalMs);
    },
    flush,
    get size() {
      return items.length;
    },
  };
}
