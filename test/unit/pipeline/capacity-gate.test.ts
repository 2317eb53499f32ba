import { describe, expect, it } from 'vitest';
import { CapacityGate } from '../../../src/pipeline/capacity-gate.js';

/** Takes a slot right now and charges it `bytes`; false when there was no room. */
const put = (gate: CapacityGate, bytes: number): boolean => {
  if (!gate.tryTake()) return false;
  gate.charge(bytes);
  return true;
};

describe('CapacityGate', () => {
  it('hands out at most capacity slots synchronously', () => {
    const gate = new CapacityGate(3);
    expect([put(gate, 10), put(gate, 10), put(gate, 10), put(gate, 10)]).toEqual([true, true, true, false]);
    expect(gate.size).toBe(3);
    expect(gate.bytes).toBe(30);
  });

  it('is full once the bytes reach their bound, however few the events, overshooting by less than one event', () => {
    const gate = new CapacityGate(1_000, 1_000);
    expect(put(gate, 600)).toBe(true);
    expect(put(gate, 600)).toBe(true); // 600 < 1000 when let in; its size is known only after
    expect(put(gate, 1)).toBe(false);
    expect({ size: gate.size, bytes: gate.bytes }).toEqual({ size: 2, bytes: 1_200 });
    gate.release(1, 600);
    expect(put(gate, 400)).toBe(true);
    expect(put(gate, 1)).toBe(false); // exactly 1000: full
    expect({ size: gate.size, bytes: gate.bytes }).toEqual({ size: 2, bytes: 1_000 });
  });

  it('gives no slot between a take and its charge', () => {
    const gate = new CapacityGate(10, 1_000);
    expect(gate.tryTake()).toBe(true);
    expect(gate.tryTake()).toBe(false); // the first event's size is not known yet
    gate.charge(999);
    expect(gate.tryTake()).toBe(true);
    gate.charge(5);
    expect(gate.tryTake()).toBe(false);
  });

  it('serves waiters in order as room is made, one slot per charge, never above capacity', async () => {
    const gate = new CapacityGate(2);
    put(gate, 1);
    put(gate, 1);
    const order: string[] = [];
    const a = gate.take().then((ok) => order.push(`a:${ok}`));
    const b = gate.take().then((ok) => order.push(`b:${ok}`));
    expect(gate.tryTake()).toBe(false); // a waiter is first in line
    gate.release(1, 1);
    await a;
    expect(order).toEqual(['a:true']);
    expect(gate.size).toBe(2);
    gate.release(2, 1);
    expect(order).toEqual(['a:true']); // room for b, but a's slot is not charged yet
    gate.charge(1);
    await b;
    expect(order).toEqual(['a:true', 'b:true']);
    expect(gate.size).toBe(1);
  });

  it('keeps a waiter waiting on bytes until enough are released', async () => {
    const gate = new CapacityGate(100, 100);
    put(gate, 60);
    put(gate, 60);
    let taken = false;
    const waiting = gate.take().then((ok) => (taken = ok));
    gate.release(1, 10); // still 110 bytes
    await Promise.resolve();
    expect(taken).toBe(false);
    gate.release(1, 50); // 60
    await waiting;
    expect(taken).toBe(true);
    expect({ size: gate.size, bytes: gate.bytes }).toEqual({ size: 1, bytes: 60 });
  });

  it('refuses waiters and later takes once closed', async () => {
    const gate = new CapacityGate(1);
    put(gate, 1);
    const waiting = gate.take();
    gate.close();
    expect(await waiting).toBe(false);
    gate.release(1, 1);
    expect(gate.tryTake()).toBe(false);
    expect(await gate.take()).toBe(false);
    expect({ size: gate.size, bytes: gate.bytes }).toEqual({ size: 0, bytes: 0 });
  });

  it('rejects a capacity below one', () => {
    expect(() => new CapacityGate(0)).toThrow(RangeError);
    expect(() => new CapacityGate(1, 0)).toThrow(RangeError);
  });
});
