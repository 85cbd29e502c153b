/**
 * Docker log messages (with `timestamps=1`) → lines, for one (container, stream).
 *
 * Rules (reference/ecosystem.md §3.2, verified against dockerd):
 * - A message is `<RFC3339Nano timestamp> <bytes>`. Framed (non-TTY) messages come one per
 *   `pushFrame`; TTY output is one unframed byte stream (`pushRaw`), cut anywhere.
 * - Docker's copier cuts a line at 16 KiB: every piece becomes its own message with the same
 *   timestamp, and only the last one ends in `\n`. Framed: a payload without `\n` at its end is such
 *   a piece. TTY: there is no framing, so a new timestamp appears in the middle of the line after
 *   every 16,384 content bytes (verified: `ts <16384 bytes>ts <16384 bytes>ts <rest>\r\n`).
 *   With `partialMerge` the pieces are joined as BYTES (a UTF-8 character may be split between
 *   them) and the line keeps the first piece's timestamp; without it, each piece is its own line.
 * - The line is the bytes before `\n`, without one `\r` right before it; decoded once with
 *   `toString('utf8')`, which turns invalid UTF-8 into U+FFFD.
 * - A line longer than `maxLineBytes` keeps its first `maxLineBytes` bytes, cut back to the start of
 *   a UTF-8 character, and is marked truncated. The rest is skipped as it arrives, never buffered:
 *   memory per assembler stays below `maxLineBytes + 1` bytes whatever the line's length.
 * - A message without a timestamp prefix (impossible with `timestamps=1` unless the stream is out
 *   of step) is kept whole as text with time '' and reported through `onGarbage`: losing a line
 *   silently is worse than a line without a Docker time. Consumers must not checkpoint time ''.
 * - `flush()` (stream end) emits a line still waiting for its `\n` (the container died mid-line).
 *
 * The same lines come out for every way the input is cut into frames' chunks or raw chunks.
 * Hot path (a whole line inside one buffer): no copy, two strings (time, line), no closures.
 * Use one assembler for frames or for raw bytes, not both. Callbacks must not throw.
 */
import type { Stream } from '../core/record.js';
import { FrameDemuxer } from './demux.js';
import { cutAtCharBoundary } from '../util/utf8.js';

export type LineHandler = (time: string, line: string, truncated: boolean) => void;

export interface LineOptions {
  partialMerge: boolean;
  maxLineBytes: number;
  /** TTY only: content bytes after which Docker starts a new message mid-line (its 16 KiB copier buffer). */
  ttyPartialBytes?: number;
}

export const DOCKER_PARTIAL_BYTES = 16 * 1024;
const NL = 0x0a;
const CR = 0x0d;
const SP = 0x20;
/** The accumulator is dropped after a line that needed more than this, so idle streams stay small. */
const KEEP_ACC_BYTES = 64 * 1024;
const NO_SPLIT = -1;
/** Longest accepted timestamp: `2006-01-02T15:04:05.000000000+07:00` is 35; Docker sends 30 (UTC, `Z`). */
const TS_MAX = 40;

/**
 * Index of the space that ends a timestamp prefix of `b[s..e)`, or -1. The first space within
 * TS_MAX + 1 bytes must follow something shaped like RFC 3339 (digit, `-` at 4, `T` at 10, at least
 * 20 bytes). A shape check, not a parse: the daemon wrote it, and a full parse per line costs.
 */
export function timestampEnd(b: Buffer, s: number, e: number): number {
  const lim = e < s + TS_MAX + 1 ? e : s + TS_MAX + 1;
  for (let j = s; j < lim; j++) {
    if (b[j] === SP) return isTimestamp(b, s, j) ? j : -1;
  }
  return -1;
}

function isTimestamp(b: Buffer, s: number, e: number): boolean {
  if (e - s < 20) return false;
  const d = b[s]!;
  return d >= 0x30 && d <= 0x39 && b[s + 4] === 0x2d && b[s + 10] === 0x54;
}

export class LineAssembler {
  private readonly merge: boolean;
  private readonly max: number;
  private readonly ttyPartial: number;
  private readonly onLine: LineHandler;
  private readonly onGarbage: ((detail: string) => void) | undefined;
  /** A line is open: its first bytes arrived, its `\n` not yet. */
  private open = false;
  private time = '';
  /** The open line's first bytes, at most max + 1 of them (one more tells "over the limit"). */
  private acc: Buffer | null = null;
  private kept = 0;
  /** Bytes of the open line were skipped because it is over the limit. */
  private overflow = false;
  // TTY (raw) state.
  /** Reading a message's timestamp (at a line start, or after a 16 KiB piece). */
  private inHead = true;
  private readonly head = Buffer.alloc(TS_MAX);
  private headFill = 0;
  /** Content bytes since the last timestamp; NO_SPLIT on a line that had no timestamp. */
  private sinceTs = 0;

  constructor(opts: LineOptions, onLine: LineHandler, onGarbage?: (detail: string) => void) {
    this.merge = opts.partialMerge;
    this.max = Math.max(0, Math.floor(opts.maxLineBytes));
    this.ttyPartial = Math.max(1, Math.floor(opts.ttyPartialBytes ?? DOCKER_PARTIAL_BYTES));
    this.onLine = onLine;
    this.onGarbage = onGarbage;
  }

  /** One Docker log message (a frame's payload): `p[s..e)`, the whole of `p` by default. */
  pushFrame(p: Buffer, s = 0, e = p.length): void {
    if (e <= s) return;
    const complete = p[e - 1] === NL;
    const end = complete ? e - 1 : e;
    const sp = timestampEnd(p, s, end);
    let start = s;
    let time = '';
    if (sp < 0) this.noTimestamp(p, s, end);
    else {
      start = sp + 1;
      if (!this.open) time = p.toString('latin1', s, sp);
    }
    if (!this.open) {
      if (complete || !this.merge) {
        this.emitRange(time, p, start, end, complete);
        return;
      }
      this.open = true;
      this.time = time;
    }
    this.append(p, start, end);
    if (complete) this.finish(true);
  }

  /**
   * One piece of a line whose framing was parsed elsewhere (a CRI log file's `P`/`F` records,
   * kubernetes/cri.ts): `b[s..e)` is content without any newline, `last` ends the line. The line
   * keeps the first piece's `time`; the same `maxLineBytes` cut applies.
   */
  pushPiece(time: string, b: Buffer, s: number, e: number, last: boolean): void {
    if (!this.open) {
      if (last) {
        this.emitRange(time, b, s, e, true);
        return;
      }
      this.open = true;
      this.time = time;
    }
    this.append(b, s, e);
    if (last) this.finish(true);
  }

  /** A line is waiting for its last piece. */
  get pending(): boolean {
    return this.open;
  }

  /** TTY: a chunk of the unframed stream `<ts> <text>\r\n<ts> <text>\r\n...`, cut anywhere. */
  pushRaw(c: Buffer): void {
    const n = c.length;
    let i = 0;
    while (i < n) {
      if (this.inHead) {
        if (this.headFill === 0 && !this.open) {
          // Fast path: a whole message in this chunk, short enough that Docker did not cut it.
          const nl = c.indexOf(NL, i);
          if (nl >= 0) {
            const sp = timestampEnd(c, i, nl);
            if (sp < 0) {
              this.noTimestamp(c, i, nl);
              this.emitRange('', c, i, nl, true);
              i = nl + 1;
              continue;
            }
            if (nl - sp - 1 <= this.ttyPartial) {
              this.emitRange(c.toString('latin1', i, sp), c, sp + 1, nl, true);
              i = nl + 1;
              continue;
            }
          }
        }
        i = this.rawHead(c, i);
        continue;
      }
      // Inside a line: take bytes up to the newline or to Docker's next 16 KiB cut.
      let nl = c.indexOf(NL, i);
      if (nl < 0) nl = n;
      let e = nl;
      const split = this.sinceTs !== NO_SPLIT;
      if (split && e - i > this.ttyPartial - this.sinceTs) e = i + (this.ttyPartial - this.sinceTs);
      this.append(c, i, e);
      if (split) this.sinceTs += e - i;
      i = e;
      if (e < n && e === nl) {
        this.finish(true);
        i += 1;
        this.inHead = true;
        this.sinceTs = 0;
      } else if (split && this.sinceTs === this.ttyPartial) {
        this.inHead = true;
      }
    }
  }

  /** End of the stream: emit the line still waiting for its newline. Safe to call twice. */
  flush(): void {
    if (this.headFill > 0) {
      if (!this.open) this.openNoTimestamp(this.head, 0, this.headFill);
      this.append(this.head, 0, this.headFill);
      this.headFill = 0;
    }
    this.inHead = true;
    this.sinceTs = 0;
    if (this.open) this.finish(false);
  }

  /**
   * Drops whatever is pending without emitting it: the connection broke, and the reconnect (from
   * the checkpoint) reads the unfinished line again whole. Emitting it would duplicate it.
   */
  reset(): void {
    this.open = false;
    this.time = '';
    this.kept = 0;
    this.overflow = false;
    this.inHead = true;
    this.headFill = 0;
    this.sinceTs = 0;
    this.acc = null;
  }

  /** Collects a TTY message's timestamp byte by byte (it may span chunks); returns the next index. */
  private rawHead(c: Buffer, i: number): number {
    const n = c.length;
    const head = this.head;
    while (i < n) {
      const b = c[i]!;
      if (b === SP) {
        i += 1;
        if (isTimestamp(head, 0, this.headFill)) {
          const time = head.toString('latin1', 0, this.headFill);
          if (this.open && !this.merge) this.finish(false);
          if (!this.open) {
            this.open = true;
            this.time = time;
          }
          this.sinceTs = 0;
        } else {
          this.headIsText();
          this.append(c, i - 1, i);
        }
        this.headFill = 0;
        this.inHead = false;
        return i;
      }
      if (b === NL) {
        if (!this.open) this.openNoTimestamp(head, 0, this.headFill);
        this.append(head, 0, this.headFill);
        this.headFill = 0;
        this.finish(true);
        this.sinceTs = 0;
        return i + 1;
      }
      if (this.headFill === TS_MAX) {
        // No space within TS_MAX bytes: not a timestamp; the byte is read again as content.
        this.headIsText();
        this.headFill = 0;
        this.inHead = false;
        return i;
      }
      head[this.headFill++] = b;
      i += 1;
    }
    return i;
  }

  /** The collected head was not a timestamp: it is text of the line (a new one, or the open one). */
  private headIsText(): void {
    if (!this.open) this.openNoTimestamp(this.head, 0, this.headFill);
    this.append(this.head, 0, this.headFill);
    // Out of step with Docker's 16 KiB cuts for the rest of this line: stop looking for them.
    this.sinceTs = NO_SPLIT;
  }

  private openNoTimestamp(b: Buffer, s: number, e: number): void {
    this.noTimestamp(b, s, e);
    this.open = true;
    this.time = '';
  }

  private noTimestamp(b: Buffer, s: number, e: number): void {
    if (this.onGarbage === undefined) return;
    const shown = JSON.stringify(b.toString('utf8', s, Math.min(e, s + 40)));
    this.onGarbage(`log message without a timestamp prefix, kept with an empty time: ${shown}`);
  }

  /** A whole line inside one buffer: `b[s..e)` is its content, `\n` excluded. */
  private emitRange(time: string, b: Buffer, s: number, e: number, complete: boolean): void {
    if (complete && e > s && b[e - 1] === CR) e -= 1;
    let truncated = false;
    if (e - s > this.max) {
      e = cutAtCharBoundary(b, s + this.max, s);
      truncated = true;
    }
    this.onLine(time, b.toString('utf8', s, e), truncated);
  }

  /** Adds content bytes to the open line, keeping at most max + 1 of them. */
  private append(b: Buffer, s: number, e: number): void {
    const len = e - s;
    if (len <= 0) return;
    const room = this.max + 1 - this.kept;
    const take = len < room ? len : room;
    if (take < len) this.overflow = true;
    if (take <= 0) return;
    const need = this.kept + take;
    let acc = this.acc;
    if (acc === null || acc.length < need) {
      let cap = acc === null ? 1024 : acc.length * 2;
      if (cap < need) cap = need;
      if (cap > this.max + 1) cap = this.max + 1;
      const grown = Buffer.allocUnsafe(cap);
      if (acc !== null) acc.copy(grown, 0, 0, this.kept);
      this.acc = acc = grown;
    }
    b.copy(acc, this.kept, s, s + take);
    this.kept = need;
  }

  /** Emits the open line; `complete` when it ended with `\n` (only then a `\r` before it goes). */
  private finish(complete: boolean): void {
    const acc = this.acc;
    let k = this.kept;
    let truncated = this.overflow;
    if (complete && !truncated && k > 0 && acc![k - 1] === CR) k -= 1;
    if (k > this.max) truncated = true;
    if (truncated) k = cutAtCharBoundary(acc!, this.max, 0);
    const time = this.time;
    this.open = false;
    this.time = '';
    this.kept = 0;
    this.overflow = false;
    if (acc !== null && acc.length > KEEP_ACC_BYTES) this.acc = null;
    this.onLine(time, k > 0 ? acc!.toString('utf8', 0, k) : '', truncated);
  }
}

export interface ReaderOptions extends LineOptions {
  /** The container's `Config.Tty`: decides the framing (never sniffed from the bytes). */
  tty: boolean;
  maxFrameBytes?: number;
}

export type ReaderSink = (stream: Stream, time: string, line: string, truncated: boolean) => void;

/**
 * One container's follow stream (`GET /containers/{id}/logs?follow=1&timestamps=1`) → lines.
 * Non-TTY: frames are demultiplexed and each stream gets its own assembler (Docker interleaves
 * stdout and stderr frames, and a 16 KiB piece of one may sit between pieces of the other).
 * TTY: one raw stream, all of it stdout (Docker merges the two).
 */
export class LogStreamReader {
  private readonly demux: FrameDemuxer | null;
  private readonly out: LineAssembler;
  private readonly err: LineAssembler;
  private done = false;

  constructor(opts: ReaderOptions, onLine: ReaderSink, onGarbage?: (detail: string) => void) {
    // Two closures per reader (per connection), none per line.
    this.out = new LineAssembler(opts, (t, l, tr) => onLine('stdout', t, l, tr), onGarbage);
    this.err = new LineAssembler(opts, (t, l, tr) => onLine('stderr', t, l, tr), onGarbage);
    this.demux = opts.tty
      ? null
      : new FrameDemuxer(
          (stream, b, s, e) => (stream === 'stderr' ? this.err : this.out).pushFrame(b, s, e),
          onGarbage,
          opts.maxFrameBytes === undefined ? undefined : { maxFrameBytes: opts.maxFrameBytes },
        );
  }

  push(chunk: Buffer): void {
    if (this.done) return;
    if (this.demux === null) this.out.pushRaw(chunk);
    else this.demux.push(chunk);
  }

  /**
   * The engine ended the stream cleanly (the container stopped): emit lines still waiting for their
   * newline, report a frame cut short. Safe to call twice; later pushes are ignored.
   */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.demux?.end();
    this.out.flush();
    this.err.flush();
  }

  /**
   * The connection broke: drop unfinished lines and frames without emitting or reporting them. The
   * reconnect resumes from the checkpoint and reads them again whole; emitting the piece read so
   * far would put a cut line before the whole one with the same timestamp.
   */
  abort(): void {
    if (this.done) return;
    this.done = true;
    this.out.reset();
    this.err.reset();
  }
}
