import { BulkItems } from './bulk-items.js';

/**
 * Groups encoded bulk items into batches, flushed on bytes, on count, or when the batch has been
 * open for `flushIntervalMs` — whichever comes first. The timer starts with a batch's first item
 * and is never restarted by later items: the official client's bulk helper uses an idle timer
 * that restarts on every document, which at low rates holds data back indefinitely
 * (shared/docs/elasticsearch.md). A batch stays within `maxBytes` unless one item alone is larger.
 *
 * Each item is written at once, as UTF-8, into the open batch's buffer (`maxBytes` long), so the
 * encoded string dies young and the batch is bytes off the JS heap (see BulkItems). An item
 * needs at most 3 bytes per UTF-16 unit: while that much room is left it is written with no
 * separate length pass; only near the end of the buffer is its exact length measured first.
 *
 * Buffers: a batch that fills its buffer (at least 3/4) takes it along; a smaller one (timer or
 * count flush at low rates) is copied out into a buffer of its own size and the open buffer is
 * kept, so a batch never pins much more memory than its bytes. Buffers of settled batches come
 * back through `recycle()` and up to `spareBuffers` are kept for the next batches, so a steady
 * stream allocates nothing large.
 */

export interface Batch {
  readonly items: BulkItems;
  /** Largest event timestamp in the batch (epoch ms). */
  readonly newestTs: number;
}

export interface BatcherOptions {
  readonly maxBytes: number;
  readonly maxCount: number;
  readonly flushIntervalMs: number;
  readonly onFlush: (batch: Batch) => void;
  /** Buffers of settled batches kept for reuse (default 2; 0: a new buffer for every batch). */
  readonly spareBuffers?: number;
}

export interface Batcher {
  /** Writes `item` into the open batch; returns its size in UTF-8 bytes. */
  add(item: string, ts: number): number;
  /** Emits the open batch now, if any. */
  flush(): void;
  /** Takes back the buffer of a batch that has settled: nothing may read the batch afterwards. */
  recycle(batch: Batch): void;
  /** Items in the open batch. */
  readonly size: number;
}

/** Offsets of the first batch; later ones start at the size of the one before. */
const FIRST_OFFSETS = 64;

export function createBatcher(options: BatcherOptions): Batcher {
  const { maxBytes, maxCount, flushIntervalMs, onFlush } = options;
  const spareBuffers = options.spareBuffers ?? 2;
  if (!(maxBytes > 0) || !(maxCount >= 1) || !(flushIntervalMs > 0) || !(spareBuffers >= 0)) {
    throw new RangeError(`batcher needs maxBytes > 0, maxCount >= 1, flushIntervalMs > 0, spareBuffers >= 0; got ${maxBytes}, ${maxCount}, ${flushIntervalMs}, ${spareBuffers}`);
  }
  const spares: Buffer[] = [];
  let open: Buffer | undefined;
  let used = 0;
  let count = 0;
  let lastCount = FIRST_OFFSETS;
  let starts = new Uint32Array(Math.min(maxCount, lastCount) + 1);
  let newestTs = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (count === 0) return;
    let data = open!;
    if (used * 4 >= maxBytes * 3) open = undefined;
    else data = Buffer.from(data.subarray(0, used));
    const batch: Batch = { items: new BulkItems(data, starts, count), newestTs };
    lastCount = count;
    starts = new Uint32Array(Math.min(maxCount, lastCount) + 1);
    count = 0;
    used = 0;
    newestTs = -Infinity;
    onFlush(batch);
  };

  return {
    add(item, ts) {
      open ??= spares.pop() ?? Buffer.allocUnsafeSlow(maxBytes);
      let bytes: number;
      if (item.length * 3 <= maxBytes - used) {
        bytes = open.write(item, used);
      } else {
        bytes = Buffer.byteLength(item);
        if (count > 0 && used + bytes > maxBytes) {
          flush();
          open ??= spares.pop() ?? Buffer.allocUnsafeSlow(maxBytes);
        }
        if (bytes > maxBytes) {
          // Larger than a batch: sent alone, from a buffer of its own.
          const own = Buffer.allocUnsafeSlow(bytes);
          own.write(item);
          onFlush({ items: new BulkItems(own, Uint32Array.of(0, bytes), 1), newestTs: ts });
          return bytes;
        }
        open.write(item, used);
      }
      if (count + 1 === starts.length) {
        const grown = new Uint32Array(Math.min(maxCount, 2 * count) + 1);
        grown.set(starts);
        starts = grown;
      }
      used += bytes;
      starts[++count] = used;
      if (ts > newestTs) newestTs = ts;
      if (count >= maxCount || used >= maxBytes) flush();
      else if (timer === undefined) timer = setTimeout(flush, flushIntervalMs);
      return bytes;
    },
    flush,
    recycle(batch) {
      const { data } = batch.items;
      // Only whole batch buffers; a copied-out small batch or an oversized item is left to GC.
      if (data.length === maxBytes && data.byteOffset === 0 && spares.length < spareBuffers && data !== open && !spares.includes(data)) {
        spares.push(data);
      }
    },
    get size() {
      return count;
    },
  };
}
