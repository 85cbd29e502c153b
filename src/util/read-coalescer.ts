/**
 * Fewer event-loop wake-ups when many log streams each trickle a line now and then.
 *
 * 200 containers writing 10 lines/s each arrive as ~2,000 separate socket reads a second, and epoll
 * wakes the loop for nearly every one of them (~1,400 wake-ups/s measured). The wake-ups, not the
 * lines, were most of the agent's CPU there: 12-13 % of a core, 40 % of it in the kernel. So after a
 * loop turn whose reads were all small, the loop sleeps a few milliseconds at the end of that turn
 * (its check phase). Lines that arrive meanwhile wait in the kernel's socket buffers and are read in
 * the next turn, several streams per wake-up. A line waits at most `napMs` longer, against a flush
 * interval of a second by default.
 *
 * A nap must never slow a stream that has more to send. While the loop sleeps, a sender blocks once
 * the socket's buffer is full, and a unix socket's buffer holds only a few hundred small writes (each
 * is a buffer of its own): a sender that could go on blocks within a few milliseconds. So while any
 * stream is streaming (reads in quick succession, see STREAMING_READS), or a turn reads `quietBytes`
 * or more in all, no turn naps, until `holdMs` after the last sign of it.
 *
 * Bounds:
 * - At most one nap per loop turn, and only after a turn that read something.
 * - Nothing read, no nap and no timer: an idle agent stays asleep in epoll.
 * - The sleep blocks the whole loop (Atomics.wait, which Node allows on its main thread), so timers
 *   and other sockets wait too, for at most `napMs` per turn.
 */
export interface ReadCoalescerOptions {
  /** How long a quiet turn sleeps, in ms. 0 turns coalescing off. */
  napMs: number;
  /** A turn that read at least this many bytes in all is busy. */
  quietBytes: number;
  /** After a busy turn or a streaming stream, no nap for this long (ms). */
  holdMs: number;
  /** The sleep; tests observe it. Default: Atomics.wait on a private cell. */
  sleep?: (ms: number) => void;
  /** A monotonic clock in ms. Default: performance.now. */
  now?: () => number;
}

/**
 * A stream whose reads come STREAMING_READS in a row, each within STREAMING_GAP_NAPS naps of the one
 * before, is streaming: at a 5 ms nap, 3 reads at most 20 ms apart. A trickling stream's reads are
 * ~100 ms apart (a line every tenth of a second); a slow turn (start-up, a GC) makes reads of many
 * streams fall into consecutive turns, which is why the test is the time between them, not the turns.
 */
const STREAMING_READS = 3;
const STREAMING_GAP_NAPS = 4;

export class ReadCoalescer {
  #turn = 0;
  #bytes = 0;
  #armed = false;
  #holdUntil = -Infinity;
  #naps = 0;
  readonly #opts: ReadCoalescerOptions;
  readonly #sleep: (ms: number) => void;
  readonly #now: () => number;

  constructor(opts: ReadCoalescerOptions) {
    this.#opts = opts;
    this.#sleep = opts.sleep ?? blockingSleep();
    this.#now = opts.now ?? (() => performance.now());
  }

  /**
   * The function one stream calls from its read callback (the poll phase) with the bytes each read
   * returned. One per stream: it remembers in which reading turns that stream had data.
   */
  stream(): (bytes: number) => void {
    let lastTurn = -1;
    let lastAt = -Infinity;
    let run = 0;
    return (bytes) => {
      if (this.#opts.napMs <= 0) return;
      const now = this.#now();
      const turn = this.#turn;
      if (turn === lastTurn) run = STREAMING_READS; // read again in one turn: libuv filled the buffer
      else run = now - lastAt < STREAMING_GAP_NAPS * this.#opts.napMs ? run + 1 : 1;
      lastTurn = turn;
      lastAt = now;
      if (run >= STREAMING_READS) this.#hold(now);
      this.#note(bytes);
    };
  }

  /** How many naps were taken (for tests and diagnostics). */
  get naps(): number {
    return this.#naps;
  }

  #note(bytes: number): void {
    this.#bytes += bytes;
    if (this.#armed) return;
    this.#armed = true;
    // A read callback runs in the poll phase; the immediate runs right after it, in the same turn.
    setImmediate(this.#endOfTurn);
  }

  #hold(now: number): void {
    this.#holdUntil = now + this.#opts.holdMs;
  }

  readonly #endOfTurn = (): void => {
    const bytes = this.#bytes;
    this.#bytes = 0;
    this.#armed = false;
    this.#turn++;
    const now = this.#now();
    if (bytes >= this.#opts.quietBytes) this.#hold(now);
    if (now < this.#holdUntil) return;
    this.#naps++;
    this.#sleep(this.#opts.napMs);
  };
}

function blockingSleep(): (ms: number) => void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  // Nobody ever notifies the cell: the wait always runs to its timeout.
  return (ms) => void Atomics.wait(cell, 0, 0, ms);
}
