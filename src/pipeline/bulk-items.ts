/**
 * A batch of encoded bulk items (action line + document line each, "\n"-terminated), held as
 * UTF-8 bytes back to back in one Buffer, off the JS heap, with where each item starts. This is
 * the one representation of "encoded items" from the batcher to the sink, the retry and split
 * rules and the dead-letter file:
 *
 * - the request body of the whole batch, or of a contiguous part of it (a 413 split), is a view
 *   of the bytes, never a copy;
 * - the items re-sent alone (item 429/5xx) are copied out by their byte ranges;
 * - an item's text exists as a JS string again only where it is read (dead-letter lines).
 *
 * Keeping each encoded item as a JS string until its batch settled made the strings live long
 * enough to be promoted to V8's old space: old-space garbage and heap headroom then dominated
 * RSS (`npm run bench`, live run at 20,000 events/s).
 */
export class BulkItems {
  /**
   * `starts[i]` is the offset in `data` where item i begins and `starts[count]` where the last
   * one ends (length `count + 1`, ascending). `data` may be larger than the items: a batch
   * buffer the batcher reuses once the batch has settled.
   */
  constructor(
    readonly data: Buffer,
    private readonly starts: Uint32Array,
    readonly count: number,
  ) {
    if (starts.length < count + 1 || starts[count] > data.length) {
      throw new RangeError(`bulk items: ${count} items need ${count + 1} offsets within ${data.length} bytes`);
    }
  }

  /** The items of `texts`, written once as UTF-8. */
  static fromStrings(texts: readonly string[]): BulkItems {
    let bytes = 0;
    for (const text of texts) bytes += Buffer.byteLength(text);
    const data = Buffer.allocUnsafe(bytes);
    const starts = new Uint32Array(texts.length + 1);
    let at = 0;
    for (let i = 0; i < texts.length; i++) {
      starts[i] = at;
      at += data.write(texts[i], at);
    }
    starts[texts.length] = at;
    return new BulkItems(data, starts, texts.length);
  }

  /** UTF-8 bytes of all items together: the request body's length. */
  get bytes(): number {
    return this.starts[this.count] - this.starts[0];
  }

  /** The request body: the items as they are, a view of the bytes (no copy). */
  body(): Buffer {
    return this.data.subarray(this.starts[0], this.starts[this.count]);
  }

  /** Item `i` as text (decoded on demand: only for what must be read, like a dead letter). */
  text(i: number): string {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`bulk item ${i} of ${this.count}`);
    return this.data.toString('utf8', this.starts[i], this.starts[i + 1]);
  }

  /** Items [from, to) as a view of the same bytes (a 413 split halves a batch this way). */
  range(from: number, to: number): BulkItems {
    if (!(from >= 0 && from <= to && to <= this.count)) throw new RangeError(`bulk items [${from}, ${to}) of ${this.count}`);
    return new BulkItems(this.data, this.starts.subarray(from, to + 1), to - from);
  }

  /** The items at `indexes`, in that order, copied by their byte ranges into a buffer of their own. */
  pick(indexes: readonly number[]): BulkItems {
    const { starts } = this;
    let bytes = 0;
    for (const i of indexes) {
      if (!(i >= 0 && i < this.count)) throw new RangeError(`bulk item ${i} of ${this.count}`);
      bytes += starts[i + 1] - starts[i];
    }
    const data = Buffer.allocUnsafe(bytes);
    const picked = new Uint32Array(indexes.length + 1);
    let at = 0;
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[k];
      picked[k] = at;
      at += this.data.copy(data, at, starts[i], starts[i + 1]);
    }
    picked[indexes.length] = at;
    return new BulkItems(data, picked, indexes.length);
  }
}
