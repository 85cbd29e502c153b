/**
 * CRI log file bytes → lines, for one file (reference/ecosystem.md §8).
 *
 * Each record is `<RFC3339Nano time> <stdout|stderr> <P|F> <message>\n`, written by containerd or
 * CRI-O. The runtime cuts a long line into `P` pieces ending with an `F` piece; pieces of stdout and
 * stderr interleave, so each stream has its own LineAssembler (docker/lines.ts), which joins the
 * pieces with the same `maxLineBytes` cut as the Docker source.
 *
 * - `time` is made canonical (nine fraction digits, UTC, `Z`): containerd trims trailing zeros
 *   (`…:40.9349441Z`), and LogRecord.time promises the padded form so times compare as strings.
 * - A record that does not parse (no timestamp, unknown stream or tag) is delivered whole as a
 *   stdout line, stamped with the file's last good time, and reported through `onGarbage`: never
 *   dropped silently, never fatal.
 * - Offsets: every line is reported with `resume`, the byte offset a reader restarted from this
 *   line's acknowledgement must start at. It is the end of the line's last record, except while the
 *   other stream has a line open (its `P` pieces were read, its `F` not yet): then it is the start of
 *   that open line's first piece, so a restart re-reads it whole (and may repeat the lines between,
 *   never lose any).
 * - Memory is bounded: a record longer than `maxLineBytes` plus its header is cut, the rest skipped
 *   until its newline.
 */
import type { Stream } from '../core/record.js';
import { canonicalDockerTime } from '../delivery/time.js';
import { LineAssembler, timestampEnd } from '../docker/lines.js';
import { cutAtCharBoundary } from '../util/utf8.js';

export type CriLineSink = (stream: Stream, time: string, line: string, truncated: boolean, resume: number) => void;

const NL = 0x0a;
const SP = 0x20;
const CR = 0x0d;
/** Room for `<time> <stream> <tag> ` in front of a record's content. */
const HEADER_ROOM = 64;

export class CriReader {
  readonly #out: LineAssembler;
  readonly #err: LineAssembler;
  readonly #onLine: CriLineSink;
  readonly #onGarbage: (detail: string) => void;
  readonly #limit: number;
  readonly #max: number;
  readonly #fallback: () => string;
  /** Bytes of the record being read (its newline not yet seen), at most `#limit`. */
  #carry: Buffer | null = null;
  #carryLen = 0;
  #carrySkipped = false;
  #carryStart = 0;
  /** File offset of the next byte pushed. */
  #offset: number;
  /** File offset where the record being handed to an assembler ends (after its `\n`). */
  #recEnd = 0;
  /** Where each stream's open line began (its first `P` piece), or -1. */
  #openAt = { stdout: -1, stderr: -1 };
  #lastTime = '';

  constructor(opts: { maxLineBytes: number; offset?: number; fallbackTime: () => string }, onLine: CriLineSink, onGarbage: (detail: string) => void) {
    this.#onLine = onLine;
    this.#onGarbage = onGarbage;
    this.#offset = opts.offset ?? 0;
    this.#max = Math.max(0, Math.floor(opts.maxLineBytes));
    this.#limit = this.#max + HEADER_ROOM;
    this.#fallback = opts.fallbackTime;
    const lo = { partialMerge: true, maxLineBytes: opts.maxLineBytes };
    this.#out = new LineAssembler(lo, (t, l, tr) => this.#emit('stdout', t, l, tr));
    this.#err = new LineAssembler(lo, (t, l, tr) => this.#emit('stderr', t, l, tr));
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const nl = chunk.indexOf(NL, i);
      if (nl < 0) {
        if (this.#carryLen === 0 && !this.#carrySkipped) this.#carryStart = this.#offset;
        this.#keep(chunk, i, n);
        this.#offset += n - i;
        return;
      }
      const start = this.#carryLen > 0 || this.#carrySkipped ? this.#carryStart : this.#offset;
      this.#offset += nl + 1 - i;
      if (this.#carryLen === 0 && !this.#carrySkipped) {
        this.#record(chunk, i, nl, start, false);
      } else {
        this.#keep(chunk, i, nl);
        const skipped = this.#carrySkipped;
        const buf = this.#carry!;
        const len = this.#carryLen;
        this.#carryLen = 0;
        this.#carrySkipped = false;
        this.#record(buf, 0, len, start, skipped);
      }
      i = nl + 1;
    }
  }

  /**
   * The file ends for good (read to its end after a rotation, or the container's last file): emit
   * a line still waiting for its `F` or newline. Safe to call twice.
   */
  flush(): void {
    if (this.#carryLen > 0 || this.#carrySkipped) {
      const buf = this.#carry!;
      const len = this.#carryLen;
      const skipped = this.#carrySkipped;
      this.#carryLen = 0;
      this.#carrySkipped = false;
      this.#record(buf, 0, len, this.#carryStart, skipped);
    }
    this.#recEnd = this.#offset;
    this.#openAt.stdout = this.#openAt.stderr = -1;
    this.#out.flush();
    this.#err.flush();
  }

  #keep(b: Buffer, s: number, e: number): void {
    const room = this.#limit - this.#carryLen;
    const take = Math.min(room, e - s);
    if (take < e - s) this.#carrySkipped = true;
    if (take <= 0) return;
    if (this.#carry === null || this.#carry.length < this.#carryLen + take) {
      const grown = Buffer.allocUnsafe(Math.min(this.#limit, Math.max(1024, (this.#carryLen + take) * 2)));
      if (this.#carry !== null) this.#carry.copy(grown, 0, 0, this.#carryLen);
      this.#carry = grown;
    }
    b.copy(this.#carry, this.#carryLen, s, s + take);
    this.#carryLen += take;
  }

  /** One record `b[s..e)` (without its `\n`) that started at file offset `start`. */
  #record(b: Buffer, s: number, e: number, start: number, cut: boolean): void {
    this.#recEnd = this.#offset;
    const sp = timestampEnd(b, s, e);
    let stream: Stream | undefined;
    let tag = 0;
    if (sp >= 0) {
      // `stdout P ` / `stderr F `: 9 bytes after the timestamp's space.
      const t = sp + 1;
      if (e - t >= 8 && b[t + 6] === SP && (b[t + 8] === SP || e - t === 8)) {
        const name = b.toString('latin1', t, t + 6);
        if (name === 'stdout' || name === 'stderr') stream = name;
        tag = b[t + 7]!;
      }
    }
    if (stream === undefined || (tag !== 0x46 /* F */ && tag !== 0x50 /* P */)) {
      const shown = JSON.stringify(b.toString('utf8', s, Math.min(e, s + 60)));
      this.#onGarbage(`a line of the log file is not a CRI record; delivered as it is: ${shown}`);
      // Not through an assembler: it must not join a stream's open line.
      let end = e;
      let truncated = cut;
      if (end - s > this.#max) {
        end = cutAtCharBoundary(b, s + this.#max, s);
        truncated = true;
      } else if (!cut && end > s && b[end - 1] === CR) end -= 1;
      this.#emit('stdout', this.#time(), b.toString('utf8', s, end), truncated);
      return;
    }
    const time = canonicalDockerTime(b.toString('latin1', s, sp));
    this.#lastTime = time;
    const last = tag === 0x46 || cut;
    const c = Math.min(sp + 10, e);
    const asm = stream === 'stdout' ? this.#out : this.#err;
    if (!asm.pending && !last) this.#openAt[stream] = start;
    asm.pushPiece(time, b, c, e, last);
    if (last) this.#openAt[stream] = -1;
  }

  #time(): string {
    return this.#lastTime !== '' ? this.#lastTime : this.#fallback();
  }

  #emit(stream: Stream, time: string, line: string, truncated: boolean): void {
    const other = this.#openAt[stream === 'stdout' ? 'stderr' : 'stdout'];
    const resume = other >= 0 && other < this.#recEnd ? other : this.#recEnd;
    this.#onLine(stream, time === '' ? this.#time() : time, line, truncated, resume);
  }
}
