/**
 * A FIFO ring of items that grows by doubling and shrinks after a burst, so a route's buffer costs
 * memory in proportion to what it holds. push/shift are O(1) and allocate only when the ring grows.
 */
export class Deque<T> {
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  #mask = 15;
  #head = 0;
  #size = 0;

  get length(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.#size === this.#items.length) this.#resize(this.#items.length * 2);
    this.#items[(this.#head + this.#size) & this.#mask] = item;
    this.#size++;
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
    const cap = this.#items.length;
    if (cap > 1024 && this.#size < cap / 4) this.#resize(cap / 2);
    return item;
  }

  /** Removes everything, returning nothing (references are dropped for the GC). */
  clear(): void {
    this.#items = new Array<T | undefined>(16);
    this.#mask = 15;
    this.#head = 0;
    this.#size = 0;
  }

  #resize(cap: number): void {
    const items = new Array<T | undefined>(cap);
    for (let k = 0; k < this.#size; k++) items[k] = this.#items[(this.#head + k) & this.#mask];
    this.#items = items;
    this.#mask = cap - 1;
    this.#head = 0;
  }
}
