/**
 * The bound of the pipeline's queue, in events and in bytes: one slot per event accepted and not
 * yet settled (in the open batch, waiting for a request slot, or in flight and being retried),
 * and the encoded bytes of those events. With every stage behind one gate, memory stays near
 * `byteCapacity` whatever the cluster does and however large the events are.
 *
 * An event's size is known only once it is encoded, after it was let in: a slot is given while
 * both counts are below their bounds, and its bytes are added with `charge()`. No other slot is
 * given between a take and its charge, so the bytes exceed `byteCapacity` by less than one
 * event at most. Slots are handed to waiters in FIFO order so a waiting producer is never
 * overtaken.
 */
export class CapacityGate {
  private used = 0;
  private usedBytes = 0;
  /** A slot given whose bytes are not charged yet. */
  private uncharged = false;
  private readonly waiters: Array<(taken: boolean) => void> = [];
  private closed = false;

  constructor(
    readonly capacity: number,
    readonly byteCapacity = Infinity,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be an integer >= 1, got ${capacity}`);
    if (!(byteCapacity >= 1)) throw new RangeError(`queue byte capacity must be >= 1, got ${byteCapacity}`);
  }

  /** Slots in use. */
  get size(): number {
    return this.used;
  }

  /** Bytes charged to the slots in use. */
  get bytes(): number {
    return this.usedBytes;
  }

  /** Takes a slot if one is free right now (the allocation-free hot path). Charge it next. */
  tryTake(): boolean {
    if (this.closed || this.waiters.length > 0 || !this.hasRoom()) return false;
    this.used++;
    this.uncharged = true;
    return true;
  }

  /** Resolves true once a slot is taken (charge it next), or false if the gate closes first. */
  take(): Promise<boolean> {
    if (this.tryTake()) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The encoded size of the event just let in (0 if it was not used after all). */
  charge(bytes: number): void {
    this.usedBytes += bytes;
    this.uncharged = false;
    this.admit();
  }

  /** Settled events give their slots and bytes back. */
  release(count: number, bytes: number): void {
    this.used -= count;
    this.usedBytes -= bytes;
    this.admit();
  }

  /** Refuses every waiter and all later takes; slots already taken stay until released. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(false);
  }

  private hasRoom(): boolean {
    return !this.uncharged && this.used < this.capacity && this.usedBytes < this.byteCapacity;
  }

  /** The first waiter gets a slot if there is room; the next one once that slot is charged. */
  private admit(): void {
    if (this.waiters.length === 0 || !this.hasRoom()) return;
    this.used++;
    this.uncharged = true;
    this.waiters.shift()!(true);
  }
}
