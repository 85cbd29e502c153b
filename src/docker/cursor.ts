import type { Stream } from '../core/record.js';
import { toSince } from '../delivery/time.js';
import type { Checkpoint } from '../delivery/ledger.js';

/**
 * Where a container's log reading stands, per stream. Docker's `since` is inclusive and its
 * timestamps are ordered within a stream but not across stdout and stderr, so a re-read starts at
 * the older of the two positions and each stream skips what it already passed: lines older than its
 * position, and the first `count` lines stamped exactly at it.
 *
 * Used twice: seeded from the delivered checkpoint when sluice starts (no loss, no duplicate), and
 * carried across re-attachments within a run (a stream cut by a daemon restart or an idle proxy).
 */
export class ReadCursor {
  readonly #pos: { stdout?: Checkpoint; stderr?: Checkpoint };
  // Lines seen at exactly the position's time during the current read, per stream.
  #seenAt = { stdout: 0, stderr: 0 };

  constructor(start: { stdout?: Checkpoint; stderr?: Checkpoint } = {}) {
    this.#pos = {
      ...(start.stdout ? { stdout: { ...start.stdout } } : {}),
      ...(start.stderr ? { stderr: { ...start.stderr } } : {}),
    };
  }

  /** The older of the two positions (RFC3339Nano); undefined when there is none. */
  sinceTime(): string | undefined {
    const a = this.#pos.stdout?.time;
    const b = this.#pos.stderr?.time;
    return a && b ? (a < b ? a : b) : (a ?? b);
  }

  /**
   * `since` for the logs API: the older position, as `<seconds>.<nanoseconds>`; undefined when none.
   *
   * A position on a whole second T (nanoseconds 0) is read from the whole second before it:
   * `since=<T-2>.999999999`. Podman stamps lines to the whole second but compares `since` with the
   * nanoseconds it stored, exclusively, so `since=T.0` would return second T without a line stored
   * at exactly T.000000000; and a line Podman stored in pieces that began in second T-1 would come
   * back as its tail alone, stamped T, and be taken for one of the `count` lines at T. From second
   * T-1 such a line comes whole (stamped T-1, skipped with the rest of that second) unless its
   * pieces lie more than a second apart (docs/podman.md: then one line can repeat, none is lost).
   * On Docker (nanosecond stamps, inclusive `since`) a whole-second position is a chance or a floor,
   * and reading one more second only costs its lines.
   */
  since(): string | undefined {
    const t = this.sinceTime();
    if (!t) return undefined;
    const s = toSince(t);
    return s.endsWith('.000000000') ? `${BigInt(s.slice(0, -10)) - 2n}.999999999` : s;
  }

  get empty(): boolean {
    return !this.#pos.stdout && !this.#pos.stderr;
  }

  /** Call before a new read from `since()`: the re-read will replay lines at the position's time. */
  rewind(): void {
    this.#seenAt = { stdout: 0, stderr: 0 };
  }

  /**
   * Decides whether a line read now is new (true: deliver it; the cursor moves past it) or was
   * already passed (false). Hot path: string compares only (Docker pads fractions to 9 digits, so
   * lexical order is time order).
   */
  admit(stream: Stream, time: string): boolean {
    const p = this.#pos[stream];
    if (p === undefined) {
      this.#pos[stream] = { time, count: 1 };
      this.#seenAt[stream] = 1; // this read has passed that one line at `time`
      return true;
    }
    if (time < p.time) return false;
    if (time === p.time) {
      if (this.#seenAt[stream] < p.count) {
        this.#seenAt[stream]++;
        return false;
      }
      p.count++;
      this.#seenAt[stream]++;
      return true;
    }
    p.time = time;
    p.count = 1;
    this.#seenAt[stream] = 1;
    return true;
  }

  position(stream: Stream): Checkpoint | undefined {
    const p = this.#pos[stream];
    return p ? { ...p } : undefined;
  }
}
