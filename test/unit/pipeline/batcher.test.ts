import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher, type Batch } from '../../../src/pipeline/batcher.js';

let flushed: Batch[];
beforeEach(() => {
  vi.useFakeTimers();
  flushed = [];
});
afterEach(() => vi.useRealTimers());

const make = (o: { maxBytes?: number; maxCount?: number; flushIntervalMs?: number; spareBuffers?: number } = {}) =>
  createBatcher({ maxBytes: 1_000, maxCount: 100, flushIntervalMs: 1_000, ...o, onFlush: (b) => flushed.push(b) });

/** The items of a batch as text again. */
const texts = (b: Batch): string[] => Array.from({ length: b.items.count }, (_, i) => b.items.text(i));

describe('createBatcher', () => {
  it('flushes on count', () => {
    const b = make({ maxCount: 3 });
    for (let i = 0; i < 7; i++) b.add(`i${i}`, i);
    expect(flushed.map(texts)).toEqual([['i0', 'i1', 'i2'], ['i3', 'i4', 'i5']]);
    expect(flushed[1].items.bytes).toBe(6);
    expect(flushed[1].newestTs).toBe(5);
    expect(b.size).toBe(1);
  });

  it('flushes before an item would push the batch past maxBytes', () => {
    const b = make({ maxBytes: 10 });
    b.add('aaaa', 1);
    b.add('bbbb', 2);
    b.add('cccc', 3); // 12 > 10: a+b go first
    expect(flushed.map((f) => [texts(f), f.items.bytes])).toEqual([[['aaaa', 'bbbb'], 8]]);
    b.add('dddddd', 4); // exactly 10: flushed at once
    expect(flushed.map(texts)).toEqual([['aaaa', 'bbbb'], ['cccc', 'dddddd']]);
  });

  it('writes UTF-8 and counts bytes, not characters, also where 3 bytes per character would not fit', () => {
    const b = make({ maxBytes: 40 });
    // 'ü' and 'é' are 2 bytes, '→' 3, '😀' 4 (two UTF-16 units).
    expect(b.add('Zürich → Genève', 1)).toBe(19);
    expect(b.add('😀 x', 2)).toBe(6);
    expect(b.add('ééééééé', 3)).toBe(14); // 7 characters: 21 > 15 left, but 14 bytes fit
    expect(flushed).toHaveLength(0);
    expect(b.add('ü', 4)).toBe(2); // 41 > 40: the three go first
    b.flush();
    expect(flushed.map(texts)).toEqual([['Zürich → Genève', '😀 x', 'ééééééé'], ['ü']]);
    expect(flushed[0].items.bytes).toBe(39);
    expect(flushed[0].items.body().toString('utf8')).toBe('Zürich → Genève😀 xééééééé');
  });

  it('sends an item larger than maxBytes alone', () => {
    const b = make({ maxBytes: 10 });
    b.add('sma', 1);
    expect(b.add('h'.repeat(25) + '→', 2)).toBe(28);
    expect(flushed.map(texts)).toEqual([['sma'], ['h'.repeat(25) + '→']]);
    expect(flushed[1].items.bytes).toBe(28);
    b.add('next', 3); // the open buffer is still there for the next batch
    b.flush();
    expect(flushed.map(texts)[2]).toEqual(['next']);
  });

  it('flushes on a timer started by the first item and never pushed back by later items', () => {
    const b = make({ flushIntervalMs: 1_000 });
    b.add('first', 0);
    for (let t = 0; t < 9; t++) {
      vi.advanceTimersByTime(100); // an item every 100 ms: an idle timer would never fire
      b.add(`x${t}`, t);
    }
    expect(flushed).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(flushed).toHaveLength(1);
    expect(flushed[0].items.count).toBe(10);
    // The next batch's clock starts with its own first item.
    vi.advanceTimersByTime(5_000);
    expect(flushed).toHaveLength(1);
    b.add('late', 99);
    vi.advanceTimersByTime(999);
    expect(flushed).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushed.map(texts)).toEqual([texts(flushed[0]), ['late']]);
  });

  it('restarts the timer after a size flush, from the next first item', () => {
    const b = make({ maxCount: 2, flushIntervalMs: 1_000 });
    b.add('a', 0);
    vi.advanceTimersByTime(900);
    b.add('b', 0); // count flush, timer cleared
    b.add('c', 0);
    vi.advanceTimersByTime(200); // the old deadline passes: nothing
    expect(flushed.map(texts)).toEqual([['a', 'b']]);
    vi.advanceTimersByTime(800);
    expect(flushed.map(texts)).toEqual([['a', 'b'], ['c']]);
  });

  it('flush() emits the open batch and does nothing when empty', () => {
    const b = make();
    b.flush();
    expect(flushed).toHaveLength(0);
    b.add('a', 5);
    b.flush();
    expect(flushed.map((f) => ({ items: texts(f), bytes: f.items.bytes, newestTs: f.newestTs }))).toEqual([{ items: ['a'], bytes: 1, newestTs: 5 }]);
    vi.advanceTimersByTime(10_000);
    expect(flushed).toHaveLength(1);
  });

  it('grows the item offsets of a batch past the size of the batch before', () => {
    const b = make({ maxCount: 1_000, maxBytes: 100_000 });
    b.add('one', 0);
    b.flush();
    for (let i = 0; i < 500; i++) b.add(`item ${i};`, i);
    b.flush();
    expect(flushed[1].items.count).toBe(500);
    expect(texts(flushed[1])).toEqual(Array.from({ length: 500 }, (_, i) => `item ${i};`));
  });

  it('hands a full buffer to its batch and reuses it once recycled; a small batch is copied out', () => {
    const b = make({ maxBytes: 8, spareBuffers: 1 });
    b.add('aaaa', 0);
    b.add('bbbb', 0); // full: the batch takes the buffer
    const [full] = flushed;
    expect(full.items.data.length).toBe(8);
    b.add('cc', 0);
    b.flush(); // 2 of 8 bytes: copied into a buffer of its own, the open buffer stays
    expect(flushed[1].items.data.length).toBe(2);
    expect(flushed[1].items.data).not.toBe(full.items.data);
    b.recycle(full);
    b.recycle(full); // twice is harmless
    b.add('dddd', 0);
    b.add('eeee', 0); // the open buffer, kept from 'cc'
    b.add('ffff', 0);
    b.add('gggg', 0); // the recycled one
    expect(flushed.map(texts).slice(2)).toEqual([['dddd', 'eeee'], ['ffff', 'gggg']]);
    expect(flushed[3].items.data).toBe(full.items.data);
    expect(flushed[2].items.data).not.toBe(full.items.data);
  });

  it('keeps no spare buffers when told so', () => {
    const b = make({ maxBytes: 4, spareBuffers: 0 });
    b.add('aaaa', 0);
    b.recycle(flushed[0]);
    b.add('bbbb', 0);
    expect(flushed[1].items.data).not.toBe(flushed[0].items.data);
    expect(flushed.map(texts)).toEqual([['aaaa'], ['bbbb']]);
  });

  it('rejects nonsensical limits', () => {
    expect(() => make({ maxCount: 0 })).toThrow(RangeError);
    expect(() => make({ flushIntervalMs: 0 })).toThrow(RangeError);
    expect(() => make({ spareBuffers: -1 })).toThrow(RangeError);
  });
});
