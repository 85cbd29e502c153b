import type { LogRecord } from '../core/record.js';

/**
 * Builds a request body straight into one Buffer. Concatenating thousands of JSON strings with `+=`
 * makes a rope that undici must flatten and then encode again (measured: a tenth of the agent's CPU
 * at full rate); writing each piece as UTF-8 into a growing Buffer does it once.
 *
 * A sink keeps one writer (ReusedWriter, below) and `reset()`s it for every batch, so the room it
 * grew to is reused instead of allocated again per batch. The bodies outlive young-generation
 * collections while they are sent, so each one stays resident until a full GC: with a fresh,
 * oversized (and then doubled) writer per batch that was ~1 MB per 1000-line batch, tens of MB of a
 * burst's peak RSS.
 */
export class BodyWriter {
  #buf: Buffer;
  #pos = 0;

  constructor(sizeHint: number) {
    this.#buf = Buffer.allocUnsafe(Math.max(1024, sizeHint));
  }

  /** Empties the writer, keeping its room; makes sure it has at least `sizeHint` bytes. */
  reset(sizeHint = 0): void {
    this.#pos = 0;
    if (sizeHint > this.#buf.length) this.#buf = Buffer.allocUnsafe(sizeHint);
  }

  write(s: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes: with that much room the write is whole.
    if (this.#pos + s.length * 3 > this.#buf.length) this.#grow(s.length * 3);
    this.#pos += this.#buf.write(s, this.#pos, 'utf8');
  }

  /** One ASCII byte (a separator, a newline): no string, no call into the encoder. */
  byte(b: number): void {
    if (this.#pos === this.#buf.length) this.#grow(1);
    this.#buf[this.#pos++] = b;
  }

  /**
   * Bytes already encoded (a sink's cached header or tail): a plain copy, which V8 does inline, where
   * writing the same text as a string goes through the UTF-8 encoder again on every line.
   */
  bytes(b: Uint8Array): void {
    if (this.#pos + b.length > this.#buf.length) this.#grow(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  /** The first `n` characters of `s` (at most its length), one byte each: for text known to be ASCII. */
  latin1(s: string, n = s.length): void {
    if (n > s.length) n = s.length;
    if (this.#pos + n > this.#buf.length) this.#grow(n);
    this.#pos += this.#buf.write(s, this.#pos, n, 'latin1');
  }


  /**
   * Opens an RFC 6587 octet-counted frame (`MSG-LEN SP MSG`) whose MSG is written next: room for the
   * length is kept now and filled by `endCounted`, which counts the bytes as they were written.
   * Measuring a line's UTF-8 length first (Buffer.byteLength) cost as much as writing it. `minBytes`
   * is a lower bound of MSG's length (UTF-16 code units never encode to fewer bytes): room is kept for
   * its digits, and the rare count with more digits moves MSG right. Returns the frame's start for
   * `endCounted`.
   */
  beginCounted(minBytes: number): number {
    const at = this.#pos;
    const room = decimalDigits(minBytes) + 1;
    if (at + room > this.#buf.length) this.#grow(room);
    this.#pos = at + room;
    return at;
  }

  /** Closes the frame `beginCounted(minBytes)` opened at `at`: writes MSG's length and the space. */
  endCounted(at: number, minBytes: number): void {
    const msgAt = at + decimalDigits(minBytes) + 1;
    const len = this.#pos - msgAt;
    const digits = decimalDigits(len);
    // More digits than kept room for (the bound was low): MSG moves right. Fewer (a bound that was
    // not one): it moves left, so no gap is left either way.
    const shift = at + digits + 1 - msgAt;
    if (shift !== 0) {
      if (this.#pos + shift > this.#buf.length) this.#grow(shift);
      this.#buf.copyWithin(msgAt + shift, msgAt, this.#pos);
      this.#pos += shift;
    }
    writeDigits(this.#buf, at, digits, len);
    this.#buf[at + digits] = 0x20;
  }

  #grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.#pos + need, this.#buf.length * 2));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** The bytes written (a view, not a copy: valid until the next reset or write). */
  finish(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }
}

function decimalDigits(v: number): number {
  let n = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) n++;
  return n;
}

/** `v` as `digits` decimal ASCII digits at `buf[at..]`. */
function writeDigits(buf: Buffer, at: number, digits: number, v: number): void {
  for (let i = at + digits - 1; i >= at; i--) {
    buf[i] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
}

/**
 * A sink's writer, reused batch after batch, whose body is sent as a view (no copy). After a send
 * that ended cleanly (a 2xx; the socket took every byte) nothing holds that view any more and the
 * writer is reused. After any other outcome something may still (a request timed out or aborted
 * mid-write, a server that answered before reading the whole body): that writer is left to it, and
 * the next batch gets a new one, so no byte still on its way is written over. A send that overlaps
 * another (the route never does that) gets a writer of its own.
 *
 * Copying every body out at its exact size (as before) cost an allocation and a copy per batch that
 * V8 counts as external memory: on an HTTP flood, 3 more full GCs and 4 MB more peak RSS.
 */
export class ReusedWriter {
  #w: BodyWriter;
  #lent = false;
  readonly #initial: number;

  constructor(initial = 64 * 1024) {
    this.#initial = initial;
    this.#w = new BodyWriter(initial);
  }

  /** A writer for the next batch: the kept one, or a new one while the kept one is lent out. */
  take(): BodyWriter {
    if (this.#lent) return new BodyWriter(this.#initial);
    this.#lent = true;
    return this.#w;
  }

  /** The send of `w`'s body is over; `clean`: nothing can still be reading it. */
  settled(w: BodyWriter, clean: boolean): void {
    if (w !== this.#w) return;
    this.#lent = false;
    if (!clean) this.#w = new BodyWriter(this.#initial);
  }
}

/** A first guess at a batch's encoded size: its lines plus `perRecord` bytes around each (the writer grows when it is wrong). */
export function batchSizeHint(batch: readonly LogRecord[], perRecord: number): number {
  let chars = 0;
  for (let i = 0; i < batch.length; i++) chars += batch[i]!.line.length;
  return chars + batch.length * perRecord;
}
