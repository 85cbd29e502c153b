/**
 * Acknowledgements of one container run's lines → the byte position to resume from.
 *
 * A follower reads its files in order, so every line read gets the next seq with one hold (the
 * dispatcher's), and with it the position a restart must resume from once the line is
 * acknowledged (kubernetes/cri.ts `resume`, in the file it came from). Routes retain and settle
 * (core/record.ts AckSink); the position advances over the longest prefix of lines whose holds
 * are all settled, so it never passes a line some route still holds. The Docker source's
 * AckTracker counts per stream because Docker's cursor is a time; here one file order covers both
 * streams, so the stream of an AckRef is not needed.
 *
 * `mark` moves the position without a line (a file finished: resume at the next one's start) once
 * everything before it is acknowledged.
 */
import type { AckSink, Stream } from '../core/record.js';

export interface FilePosition<F> {
  readonly file: F;
  readonly offset: number;
}

const COMPACT_AT = 4096;

export class OffsetTracker<F> implements AckSink {
  #base = 0;
  #head = 0;
  #holds: number[] = [];
  #files: F[] = [];
  #offsets: number[] = [];
  #times: string[] = [];
  #acked: FilePosition<F> | undefined;
  #advanceQueued = false;
  readonly #onAdvance: (() => void) | undefined;
  /** retain/settle calls that matched no outstanding hold: a bug upstream, counted, not thrown. */
  anomalies = 0;

  constructor(initial?: FilePosition<F>, onAdvance?: () => void) {
    this.#acked = initial;
    this.#onAdvance = onAdvance;
  }

  /** Registers the next line read; returns its seq. `time` is for the checkpoint lag. */
  add(file: F, resume: number, time: string): number {
    this.#holds.push(1);
    this.#files.push(file);
    this.#offsets.push(resume);
    this.#times.push(time);
    return this.#base + this.#holds.length - 1;
  }

  /** Moves the position to (file, offset) once every line before it is acknowledged. */
  mark(file: F, offset: number): void {
    const seq = this.add(file, offset, '');
    this.settle('stdout', seq);
  }

  retain(_stream: Stream, seq: number): void {
    const i = seq - this.#base;
    if (i < this.#head || i >= this.#holds.length || this.#holds[i]! <= 0) {
      this.anomalies++;
      return;
    }
    this.#holds[i]! += 1;
  }

  settle(_stream: Stream, seq: number): void {
    const i = seq - this.#base;
    if (i < this.#head || i >= this.#holds.length || this.#holds[i]! <= 0) {
      this.anomalies++;
      return;
    }
    this.#holds[i]! -= 1;
    if (i !== this.#head || this.#holds[i] !== 0) return;
    let h = this.#head;
    while (h < this.#holds.length && this.#holds[h] === 0) h++;
    this.#acked = { file: this.#files[h - 1]!, offset: this.#offsets[h - 1]! };
    this.#head = h;
    if (h >= COMPACT_AT && h * 2 >= this.#holds.length) this.#compact();
    // Once per burst: a delivered batch settles its lines in one synchronous loop.
    if (this.#onAdvance !== undefined && !this.#advanceQueued) {
      this.#advanceQueued = true;
      queueMicrotask(this.#fireAdvance);
    }
  }

  readonly #fireAdvance = (): void => {
    this.#advanceQueued = false;
    this.#onAdvance!();
  };

  #compact(): void {
    const h = this.#head;
    this.#holds = this.#holds.slice(h);
    this.#files = this.#files.slice(h);
    this.#offsets = this.#offsets.slice(h);
    this.#times = this.#times.slice(h);
    this.#base += h;
    this.#head = 0;
  }

  /** Where a restart resumes: after the last line of the acknowledged prefix. */
  get position(): FilePosition<F> | undefined {
    return this.#acked;
  }

  /** Lines (and marks) read and not yet acknowledged. */
  get outstanding(): number {
    return this.#holds.length - this.#head;
  }

  /** Time of the oldest line some route still holds (for `sluice_checkpoint_lag_seconds`). */
  oldestUnackedTime(): string | undefined {
    for (let i = this.#head; i < this.#times.length; i++) if (this.#times[i] !== '') return this.#times[i];
    return undefined;
  }
}
