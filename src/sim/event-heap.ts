/**
 * Binary min-heap of pending items keyed by (ts, insertion order): equal timestamps leave in the
 * order they were scheduled, which keeps a message's causal order and makes runs reproducible.
 * Parallel arrays rather than wrapper objects: no allocation per push.
 */
export class EventHeap<T> {
  private readonly items: T[] = [];
  private readonly keys: number[] = [];
  private readonly orders: number[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  /** Timestamp of the minimum; Infinity when empty. */
  peekTs(): number {
    return this.items.length === 0 ? Infinity : this.keys[0];
  }

  push(ts: number, item: T): void {
    const items = this.items;
    const keys = this.keys;
    const orders = this.orders;
    const order = this.counter++;
    let i = items.length;
    items.push(item);
    keys.push(ts);
    orders.push(order);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < ts || (pk === ts && orders[parent] < order)) break;
      items[i] = items[parent];
      keys[i] = pk;
      orders[i] = orders[parent];
      i = parent;
    }
    items[i] = item;
    keys[i] = ts;
    orders[i] = order;
  }

  /** Removes and returns the minimum; undefined when empty. */
  pop(): T | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const keys = this.keys;
    const orders = this.orders;
    const top = items[0];
    const lastItem = items.pop() as T;
    const lastKey = keys.pop() as number;
    const lastOrder = orders.pop() as number;
    const size = n - 1;
    if (size === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (keys[right] < keys[child] || (keys[right] === keys[child] && orders[right] < orders[child]))
      ) {
        child = right;
      }
      const ck = keys[child];
      if (ck > lastKey || (ck === lastKey && orders[child] > lastOrder)) break;
      items[i] = items[child];
      keys[i] = ck;
      orders[i] = orders[child];
      i = child;
    }
    items[i] = lastItem;
    keys[i] = lastKey;
    orders[i] = lastOrder;
    return top;
  }
}
