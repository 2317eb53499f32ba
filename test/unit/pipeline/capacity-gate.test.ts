import { describe, expect, it } from 'vitest';
import { CapacityGate } from '../../../src/pipeline/capacity-gate.js';

describe('CapacityGate', () => {
  it('hands out at most capacity slots synchronously', () => {
    const gate = new CapacityGate(3);
    expect([gate.tryTake(), gate.tryTake(), gate.tryTake(), gate.tryTake()]).toEqual([true, true, true, false]);
    expect(gate.size).toBe(3);
  });

  it('serves waiters in order as slots are released, never above capacity', async () => {
    const gate = new CapacityGate(2);
    gate.tryTake();
    gate.tryTake();
    const order: string[] = [];
    const a = gate.take().then((ok) => order.push(`a:${ok}`));
    const b = gate.take().then((ok) => order.push(`b:${ok}`));
    expect(gate.tryTake()).toBe(false); // a waiter is first in line
    gate.release(1);
    await a;
    expect(order).toEqual(['a:true']);
    expect(gate.size).toBe(2);
    gate.release(2);
    await b;
    expect(order).toEqual(['a:true', 'b:true']);
    expect(gate.size).toBe(1);
  });

  it('refuses waiters and later takes once closed', async () => {
    const gate = new CapacityGate(1);
    gate.tryTake();
    const waiting = gate.take();
    gate.close();
    expect(await waiting).toBe(false);
    gate.release(1);
    expect(gate.tryTake()).toBe(false);
    expect(await gate.take()).toBe(false);
    expect(gate.size).toBe(0);
  });

  it('rejects a capacity below one', () => {
    expect(() => new CapacityGate(0)).toThrow(RangeError);
  });
});
