import { compareDockerTime } from './time.js';
import { RingSizer } from './deque.js';

/** A position in one stream: the newest Docker timestamp passed, and how many records carried it. */
export type Checkpoint = { time: string; count: number };

/**
 * The outstanding records of one (container, stream), in seq order, as a ring (memory follows the
 * number of records not yet acknowledged, not the number ever read), plus the checkpoint of the
 * acknowledged prefix. Hot path: `add`/`retain`/`settle` are index arithmetic, no allocation except
 * when the ring grows.
 */
export class StreamLedger {
  #times: (string | undefined)[];
  #holds: Int32Array;
  #mask: number;
  #head = 0;
  #size = 0;
  /** seq of the entry at `#head`; every smaller seq is acknowledged. */
  #base = 0;
  readonly #sizer = new RingSizer();
  #cpTime: string | undefined;
  #cpCount = 0;
  /** Time of the newest record acknowledged in this process (not from the resumed checkpoint). */
  lastAckedTime: string | undefined;
  /** retain/settle calls that did not match an outstanding hold (a caller bug), counted not thrown. */
  anomalies = 0;

  constructor(initial?: Checkpoint) {
    this.#times = new Array<string | undefined>(16);
    this.#holds = new Int32Array(16);
    this.#mask = 15;
    if (initial) {
      this.#cpTime = initial.time;
      this.#cpCount = initial.count;
    }
  }

  get outstanding(): number {
    return this.#size;
  }

  /** Time of the oldest record not yet acknowledged. */
  get headTime(): string | undefined {
    return this.#size > 0 ? this.#times[this.#head] : undefined;
  }

  add(time: string): number {
    if (this.#size === this.#holds.length) this.#resize(this.#holds.length * 2);
    const i = (this.#head + this.#size) & this.#mask;
    this.#times[i] = time;
    this.#holds[i] = 1;
    this.#size++;
    this.#sizer.pushed(this.#size);
    return this.#base + this.#size - 1;
  }

  retain(seq: number): void {
    const off = seq - this.#base;
    if (off < 0 || off >= this.#size) {
      this.anomalies++;
      return;
    }
    const i = (this.#head + off) & this.#mask;
    if (this.#holds[i]! <= 0) this.anomalies++;
    else this.#holds[i]!++;
  }

  /** Returns true when the acknowledged prefix grew (the checkpoint moved). */
  settle(seq: number): boolean {
    const off = seq - this.#base;
    if (off < 0 || off >= this.#size) {
      this.anomalies++;
      return false;
    }
    const i = (this.#head + off) & this.#mask;
    if (this.#holds[i]! <= 0) {
      this.anomalies++;
      return false;
    }
    this.#holds[i]!--;
    if (off !== 0 || this.#holds[i] !== 0) return false;
    this.#popAcknowledged();
    return true;
  }

  #popAcknowledged(): void {
    while (this.#size > 0 && this.#holds[this.#head] === 0) {
      const t = this.#times[this.#head]!;
      this.#times[this.#head] = undefined;
      this.#head = (this.#head + 1) & this.#mask;
      this.#size--;
      this.#base++;
      this.#advanceTo(t);
      this.lastAckedTime = t;
    }
    // Give memory back after a burst (a stalled route can hold many records for a while).
    const cap = this.#sizer.shifted(this.#size, this.#holds.length);
    if (cap !== this.#holds.length) this.#resize(cap);
  }

  #advanceTo(t: string): void {
    if (this.#cpTime === undefined) {
      this.#cpTime = t;
      this.#cpCount = 1;
      return;
    }
    const c = compareDockerTime(t, this.#cpTime);
    if (c > 0) {
      this.#cpTime = t;
      this.#cpCount = 1;
    } else if (c === 0) {
      this.#cpCount++;
    }
    // c < 0: Docker keeps a stream's timestamps non-decreasing; an older one can only come from a
    // re-read the resume filter should have skipped. The checkpoint never moves back.
  }

  /**
   * The acknowledged prefix as a checkpoint. With nothing acknowledged yet (and nothing resumed) but
   * records outstanding, the oldest outstanding time with count 0: a restart must re-read from it, and
   * whatever this stream had before it came before this process started reading.
   */
  checkpoint(): Checkpoint | undefined {
    if (this.#cpTime !== undefined) return { time: this.#cpTime, count: this.#cpCount };
    if (this.#size > 0) return { time: this.#times[this.#head]!, count: 0 };
    return undefined;
  }

  /** Moves an idle stream's checkpoint up to `floor` (count 0) when that is newer; never back. */
  raiseTo(floor: string): void {
    if (this.#size > 0) return;
    if (this.#cpTime === undefined || compareDockerTime(floor, this.#cpTime) > 0) {
      this.#cpTime = floor;
      this.#cpCount = 0;
    }
  }

  #resize(cap: number): void {
    const times = new Array<string | undefined>(cap);
    const holds = new Int32Array(cap);
    for (let k = 0; k < this.#size; k++) {
      const i = (this.#head + k) & this.#mask;
      times[k] = this.#times[i];
      holds[k] = this.#holds[i]!;
    }
    this.#times = times;
    this.#holds = holds;
    this.#mask = cap - 1;
    this.#head = 0;
  }
}
