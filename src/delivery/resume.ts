import type { Stream } from '../core/record.js';
import type { Checkpoint, StreamCheckpoints } from './acks.js';
import { compareDockerTime, toSince } from './time.js';

/**
 * Where a container resumes after a restart. Docker's `since` is inclusive and its timestamps are
 * ordered within a stream but not across stdout and stderr, so reading starts at the older of the
 * two checkpoints and each stream skips what it already acknowledged: records older than its
 * checkpoint, and the first `count` records stamped exactly at it. Everything after is new.
 *
 * Seed the container's AckTracker with the same checkpoints, so that records at the checkpoint time
 * go on counting from `count`.
 */
export class ResumeFilter {
  readonly #out: Checkpoint | undefined;
  readonly #err: Checkpoint | undefined;
  /** Records seen so far at exactly the checkpoint time, per stream. */
  #seenOut = 0;
  #seenErr = 0;

  constructor(cps: StreamCheckpoints = {}) {
    this.#out = cps.stdout ? { ...cps.stdout } : undefined;
    this.#err = cps.stderr ? { ...cps.stderr } : undefined;
  }

  /** The older checkpoint time as RFC3339Nano (undefined: no checkpoint, follow `containers.backfill`). */
  sinceTime(): string | undefined {
    const a = this.#out?.time;
    const b = this.#err?.time;
    if (a === undefined) return b;
    if (b === undefined) return a;
    return compareDockerTime(a, b) <= 0 ? a : b;
  }

  /** `since` for the logs API, `<unix seconds>.<9-digit ns>`; undefined when there is no checkpoint. */
  since(): string | undefined {
    const t = this.sinceTime();
    return t === undefined ? undefined : toSince(t);
  }

  /**
   * True when a record read after resuming was already acknowledged before. Call once per record,
   * in the order the stream delivers them.
   */
  skip(stream: Stream, time: string): boolean {
    const cp = stream === 'stdout' ? this.#out : this.#err;
    if (cp === undefined) return false;
    const c = compareDockerTime(time, cp.time);
    if (c < 0) return true;
    if (c > 0) return false;
    if (stream === 'stdout') return this.#seenOut++ < cp.count;
    return this.#seenErr++ < cp.count;
  }
}
