import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher, type Batch } from '../../../src/pipeline/batcher.js';

let flushed: Batch[];
beforeEach(() => {
  vi.useFakeTimers();
  flushed = [];
});
afterEach(() => vi.useRealTimers());

const make = (o: { maxBytes?: number; maxCount?: number; flushIntervalMs?: number } = {}) =>
  createBatcher({ maxBytes: 1_000, maxCount: 100, flushIntervalMs: 1_000, ...o, onFlush: (b) => flushed.push(b) });

describe('createBatcher', () => {
  it('flushes on count', () => {
    const b = make({ maxCount: 3 });
    for (let i = 0; i < 7; i++) b.add(`i${i}`, 2, i);
    expect(flushed.map((f) => f.items)).toEqual([['i0', 'i1', 'i2'], ['i3', 'i4', 'i5']]);
    expect(flushed[1]).toMatchObject({ bytes: 6, newestTs: 5 });
    expect(b.size).toBe(1);
  });

  it('flushes before an item would push the batch past maxBytes', () => {
    const b = make({ maxBytes: 10 });
    b.add('a', 4, 1);
    b.add('b', 4, 2);
    b.add('c', 4, 3); // 12 > 10: a+b go first
    expect(flushed.map((f) => [f.items, f.bytes])).toEqual([[['a', 'b'], 8]]);
    b.add('d', 6, 4); // exactly 10: flushed at once
    expect(flushed.map((f) => f.items)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('sends an item larger than maxBytes alone', () => {
    const b = make({ maxBytes: 10 });
    b.add('small', 3, 1);
    b.add('huge', 50, 2);
    expect(flushed.map((f) => f.items)).toEqual([['small'], ['huge']]);
  });

  it('flushes on a timer started by the first item and never pushed back by later items', () => {
    const b = make({ flushIntervalMs: 1_000 });
    b.add('first', 1, 0);
    for (let t = 0; t < 9; t++) {
      vi.advanceTimersByTime(100); // an item every 100 ms: an idle timer would never fire
      b.add(`x${t}`, 1, t);
    }
    expect(flushed).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(flushed).toHaveLength(1);
    expect(flushed[0].items).toHaveLength(10);
    // The next batch's clock starts with its own first item.
    vi.advanceTimersByTime(5_000);
    expect(flushed).toHaveLength(1);
    b.add('late', 1, 99);
    vi.advanceTimersByTime(999);
    expect(flushed).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushed.map((f) => f.items)).toEqual([flushed[0].items, ['late']]);
  });

  it('restarts the timer after a size flush, from the next first item', () => {
    const b = make({ maxCount: 2, flushIntervalMs: 1_000 });
    b.add('a', 1, 0);
    vi.advanceTimersByTime(900);
    b.add('b', 1, 0); // count flush, timer cleared
    b.add('c', 1, 0);
    vi.advanceTimersByTime(200); // the old deadline passes: nothing
    expect(flushed.map((f) => f.items)).toEqual([['a', 'b']]);
    vi.advanceTimersByTime(800);
    expect(flushed.map((f) => f.items)).toEqual([['a', 'b'], ['c']]);
  });

  it('flush() emits the open batch and does nothing when empty', () => {
    const b = make();
    b.flush();
    expect(flushed).toHaveLength(0);
    b.add('a', 1, 5);
    b.flush();
    expect(flushed).toEqual([{ items: ['a'], bytes: 1, newestTs: 5 }]);
    vi.advanceTimersByTime(10_000);
    expect(flushed).toHaveLength(1);
  });

  it('rejects nonsensical limits', () => {
    expect(() => make({ maxCount: 0 })).toThrow(RangeError);
    expect(() => make({ flushIntervalMs: 0 })).toThrow(RangeError);
  });
});
