import type { AckSink, Stream } from '../core/record.js';
import { StreamLedger, type Checkpoint } from './ledger.js';
import { compareDockerTime, shiftDockerTime } from './time.js';

export type { Checkpoint };
export interface StreamCheckpoints {
  stdout?: Checkpoint;
  stderr?: Checkpoint;
}

export interface AckTrackerOptions {
  /**
   * How far Docker's stdout and stderr timestamps can disagree with the order in which the log file
   * (and so the logs API) returns them. Used to move an idle stream's checkpoint along with the busy
   * one; see `checkpoint()`. Default 1 s (measured skew is well under a millisecond).
   */
  crossStreamSkewMs?: number;
}

/**
 * Acknowledgements of one container's lines, per stream. Every line read gets a seq with one hold
 * (the dispatcher's); routes retain and settle it (core/record.ts). Per stream the checkpoint is the
 * longest fully acknowledged prefix in seq order: the time of its last record, and how many records
 * of the prefix carry exactly that time (counting on from the resumed checkpoint when the times are
 * equal), which is what the read cursor (docker/cursor.ts) needs to skip exactly the prefix after a restart.
 */
export class AckTracker implements AckSink {
  readonly containerId: string;
  readonly #out: StreamLedger;
  readonly #err: StreamLedger;
  readonly #onAdvance: (() => void) | undefined;
  readonly #skewMs: number;
  #advanceQueued = false;
  /** Time of the first line read in this process (either stream). */
  #firstTime: string | undefined;

  /** `onAdvance`: the checkpoint moved (coalesced, see `settle`); read it with `checkpoint()`. */
  constructor(containerId: string, initial?: StreamCheckpoints, onAdvance?: () => void, opts: AckTrackerOptions = {}) {
    this.containerId = containerId;
    this.#out = new StreamLedger(initial?.stdout);
    this.#err = new StreamLedger(initial?.stderr);
    this.#onAdvance = onAdvance;
    this.#skewMs = opts.crossStreamSkewMs ?? 1000;
  }

  /** Registers the next line read from `stream` (Docker RFC3339Nano `time`); returns its seq. */
  add(stream: Stream, time: string): number {
    if (this.#firstTime === undefined) this.#firstTime = time;
    return (stream === 'stdout' ? this.#out : this.#err).add(time);
  }

  retain(stream: Stream, seq: number): void {
    (stream === 'stdout' ? this.#out : this.#err).retain(seq);
  }

  /**
   * When the checkpoint moves, `onAdvance` runs once in a microtask, however many lines were settled
   * meanwhile: a delivered batch settles its lines in one synchronous loop, and the dispatcher settles
   * every line it reads, so a per-line callback would cost a checkpoint computation per line.
   */
  settle(stream: Stream, seq: number): void {
    if ((stream === 'stdout' ? this.#out : this.#err).settle(seq) && this.#onAdvance !== undefined && !this.#advanceQueued) {
      this.#advanceQueued = true;
      queueMicrotask(this.#fireAdvance);
    }
  }

  readonly #fireAdvance = (): void => {
    this.#advanceQueued = false;
    this.#onAdvance!();
  };

  /**
   * Both streams' checkpoints (a stream absent when nothing is known about it).
   *
   * A stream with nothing outstanding is moved up to the other stream's newest acknowledged time
   * minus the cross-stream skew: the logs API returns both streams in log-file order, so when a
   * record of one stream stamped T was read in this process, every record of the other stream
   * stamped before T − skew was read too, and with nothing outstanding, acknowledged. Without this,
   * a container that only writes to stdout would keep an old stderr checkpoint forever, and a restart
   * (resuming from the older of the two) would re-read its whole log.
   */
  checkpoint(): StreamCheckpoints {
    this.#floorUnknown(this.#out);
    this.#floorUnknown(this.#err);
    this.#raiseIdle(this.#out, this.#err);
    this.#raiseIdle(this.#err, this.#out);
    const out: StreamCheckpoints = {};
    const o = this.#out.checkpoint();
    const e = this.#err.checkpoint();
    if (o) out.stdout = o;
    if (e) out.stderr = e;
    return out;
  }

  /**
   * A stream that has nothing known (no resumed checkpoint, nothing read yet) while the other stream
   * has been read: without a checkpoint of its own, a restart would resume from the other stream's,
   * and skip this stream's lines stamped before it that were still on their way. Its lines still to
   * come are stamped no earlier than the first line read minus the skew, so that is its floor.
   */
  #floorUnknown(l: StreamLedger): void {
    if (this.#firstTime !== undefined && l.checkpoint() === undefined) l.raiseTo(shiftDockerTime(this.#firstTime, -this.#skewMs));
  }

  #raiseIdle(idle: StreamLedger, busy: StreamLedger): void {
    if (idle.outstanding > 0 || busy.lastAckedTime === undefined) return;
    idle.raiseTo(shiftDockerTime(busy.lastAckedTime, -this.#skewMs));
  }

  /** Time of the oldest line some route still holds (for `sluice_checkpoint_lag_seconds`). */
  oldestUnackedTime(): string | undefined {
    const a = this.#out.headTime;
    const b = this.#err.headTime;
    if (a === undefined) return b;
    if (b === undefined) return a;
    return compareDockerTime(a, b) <= 0 ? a : b;
  }

  /** Lines read and not yet acknowledged, both streams. */
  get outstanding(): number {
    return this.#out.outstanding + this.#err.outstanding;
  }

  /** retain/settle calls that matched no outstanding hold: a bug upstream, counted instead of thrown. */
  get anomalies(): number {
    return this.#out.anomalies + this.#err.anomalies;
  }
}
