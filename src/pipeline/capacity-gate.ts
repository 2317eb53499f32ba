/**
 * The bound of the pipeline's queue, counted in events: one slot per event accepted and not yet
 * settled (in the open batch, waiting for a request slot, or in flight and being retried). With
 * every stage behind one count, memory stays at most `capacity` encoded events whatever the
 * cluster does. Slots are handed to waiters in FIFO order so a waiting producer is never
 * overtaken.
 */
export class CapacityGate {
  private used = 0;
  private readonly waiters: Array<(taken: boolean) => void> = [];
  private closed = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be an integer >= 1, got ${capacity}`);
  }

  /** Slots in use. */
  get size(): number {
    return this.used;
  }

  /** Takes a slot if one is free right now (the allocation-free hot path). */
  tryTake(): boolean {
    if (this.closed || this.used >= this.capacity || this.waiters.length > 0) return false;
    this.used++;
    return true;
  }

  /** Resolves true once a slot is taken, or false if the gate closes first. */
  take(): Promise<boolean> {
    if (this.tryTake()) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(count: number): void {
    this.used -= count;
    while (this.waiters.length > 0 && this.used < this.capacity) {
      this.used++;
      this.waiters.shift()!(true);
    }
  }

  /** Refuses every waiter and all later takes; slots already taken stay until released. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(false);
  }
}
