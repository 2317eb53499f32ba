import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../../src/sim/event-heap.js';
import { Rng } from '../../../src/sim/rng.js';

describe('EventHeap', () => {
  it('is empty with an infinite peek', () => {
    const heap = new EventHeap<string>();
    expect(heap.size).toBe(0);
    expect(heap.peekTs()).toBe(Infinity);
    expect(heap.pop()).toBeUndefined();
  });

  it('pops by timestamp, equal timestamps in insertion order', () => {
    const rng = new Rng('heap', 'x');
    const heap = new EventHeap<{ ts: number; n: number }>();
    const items = Array.from({ length: 5_000 }, (_, n) => ({ ts: rng.int(300), n }));
    for (const item of items) heap.push(item.ts, item);
    const popped: { ts: number; n: number }[] = [];
    while (heap.size > 0) {
      const ts = heap.peekTs();
      popped.push(heap.pop()!);
      expect(popped[popped.length - 1].ts).toBe(ts);
    }
    const expected = [...items].sort((a, b) => a.ts - b.ts || a.n - b.n);
    expect(popped).toEqual(expected);
  });

  it('keeps order when pushes and pops interleave', () => {
    const rng = new Rng('interleave', 'x');
    const heap = new EventHeap<number>();
    let last = -Infinity;
    let now = 0;
    for (let i = 0; i < 20_000; i++) {
      if (rng.chance(0.55)) {
        heap.push(now + rng.int(1000), now);
      } else if (heap.size > 0) {
        const ts = heap.peekTs();
        heap.pop();
        expect(ts).toBeGreaterThanOrEqual(last);
        last = ts;
        now = ts;
      }
    }
  });
});
