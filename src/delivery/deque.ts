/**
 * A FIFO ring of items that grows by doubling and shrinks after a burst, so a route's buffer costs
 * memory in proportion to what it holds. push/shift are O(1) and allocate only when the ring grows
 * or shrinks.
 */
export class Deque<T> {
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  #mask = 15;
  #head = 0;
  #size = 0;
  readonly #sizer = new RingSizer();

  get length(): number {
    return this.#size;
  }

  /** Slots the ring has room for now. */
  get capacity(): number {
    return this.#items.length;
  }

  push(item: T): void {
    if (this.#size === this.#items.length) this.#resize(this.#items.length * 2);
    this.#items[(this.#head + this.#size) & this.#mask] = item;
    this.#size++;
    this.#sizer.pushed(this.#size);
  }

  peek(): T | undefined {
    return this.#size > 0 ? this.#items[this.#head] : undefined;
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    const cap = this.#sizer.shifted(this.#size, this.#items.length);
    if (cap !== this.#items.length) this.#resize(cap);
    return item;
  }

  /** Removes everything, returning nothing (references are dropped for the GC). */
  clear(): void {
    this.#items = new Array<T | undefined>(16);
    this.#mask = 15;
    this.#head = 0;
    this.#size = 0;
    this.#sizer.reset();
  }

  #resize(cap: number): void {
    const items = new Array<T | undefined>(cap);
    for (let k = 0; k < this.#size; k++) items[k] = this.#items[(this.#head + k) & this.#mask];
    this.#items = items;
    this.#mask = cap - 1;
    this.#head = 0;
  }
}

/** Rings never shrink below this many slots. */
export const RING_MIN_SHRINK = 1024;

/**
 * When a power-of-two ring (Deque, the ack ledger) gives memory back. Shrinking as soon as the ring
 * held less than a quarter of its room made a buffer that fills to a few thousand records and is
 * emptied by each batch grow and shrink three times per batch (arrays of up to 64 Ki slots each
 * time, large objects that only a full GC frees). Instead the ring remembers the most it held, and
 * judges when it runs empty (or, if it never does, every `capacity` removals): if that peak used
 * under a quarter of the room, the ring shrinks at once to twice the peak. A ring that keeps
 * filling up keeps its room; after a burst it shrinks on the first quiet round (one that ran empty),
 * or within two windows of removals if it never runs empty.
 */
export class RingSizer {
  #peak = 0;
  #shifts = 0;

  pushed(size: number): void {
    if (size > this.#peak) this.#peak = size;
  }

  /** After a removal: the capacity the ring should have now (`cap` to keep it). */
  shifted(size: number, cap: number): number {
    if (size !== 0 && ++this.#shifts < cap) return cap;
    const peak = this.#peak;
    this.#peak = size;
    this.#shifts = 0;
    if (cap <= RING_MIN_SHRINK || peak >= cap / 4) return cap;
    let next = RING_MIN_SHRINK;
    while (next < peak * 2) next *= 2;
    return next < cap && next >= size ? next : cap;
  }

  reset(): void {
    this.#peak = 0;
    this.#shifts = 0;
  }
}
