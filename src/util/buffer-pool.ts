/**
 * Buffers of one size, lent for one use at a time: `borrow` gives one no one else holds until it is
 * given back; at most `spares` are kept between uses, so what many users need one after another
 * costs a few buffers, not one each.
 */
export class BufferPool {
  readonly #spare: Buffer[] = [];

  constructor(
    readonly size: number,
    readonly spares: number,
  ) {}

  borrow(): Buffer {
    return this.#spare.pop() ?? Buffer.allocUnsafe(this.size);
  }

  giveBack(b: Buffer): void {
    if (this.#spare.length < this.spares) this.#spare.push(b);
  }

  /** Buffers kept for the next borrow. */
  get kept(): number {
    return this.#spare.length;
  }
}
