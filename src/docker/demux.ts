/**
 * Docker's multiplexed log stream (non-TTY containers) → one payload per frame.
 *
 * Wire format (moby `pkg/stdcopy`): an 8-byte header `[type, 0, 0, 0, uint32 BE length]` and
 * `length` bytes of payload. Types: 0 stdin (treated as stdout), 1 stdout, 2 stderr, 3 "systemerr"
 * (the daemon's own error text, e.g. "Error grabbing logs: ..."; never container output).
 *
 * Guarantees:
 * - The same frames come out for every way the byte stream is cut into chunks.
 * - A frame that lies inside one chunk is passed on as that chunk and the payload's range in it (no
 *   copy, and no subarray object per frame: that was a fifth of the bytes allocated per line). A frame
 *   spanning chunks is copied once into a buffer of exactly its length, which the header told us:
 *   no chunk list and no Buffer.concat per chunk.
 * - Bytes that are not a valid header are never passed on as data. The demuxer reports a run of
 *   such bytes once through `onGarbage`, then slides forward one byte at a time until a header is
 *   valid again (resynchronisation). It never throws and every byte is looked at a bounded number of
 *   times, so it cannot loop forever.
 * - A header announcing more than `maxFrameBytes` counts as garbage: Docker's copier cuts messages
 *   at 16 KiB, so such a length means we are out of step, and trusting it would buffer without bound.
 *   While resynchronising the bound is tighter still (RESYNC_MAX_FRAME_BYTES).
 * - `end()` with a frame cut short reports it and drops it. Dropping is the safe choice: the cut
 *   comes from a broken connection, and the reconnect resumes from the checkpoint and reads that
 *   message again whole.
 *
 * Callbacks must not throw: the rest of the chunk would not be read.
 */
export type FrameStream = 'stdout' | 'stderr';
/** A frame's payload: `b[start..end)`, valid only during the call (the chunk is not kept). */
export type PayloadHandler = (stream: FrameStream, b: Buffer, start: number, end: number) => void;

const HEADER_BYTES = 8;
const TYPE_STDERR = 2;
const TYPE_SYSTEMERR = 3;
/** Far above Docker's 16 KiB messages, far below anything that hurts memory. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/**
 * While resynchronising, a header is believed only if its length is one Docker really sends: a
 * 16 KiB piece plus its timestamp and space. The format has no checksum, so random bytes can still
 * look like a header; this bound makes such a false match rare and short.
 */
const RESYNC_MAX_FRAME_BYTES = 16 * 1024 + 64;

export class FrameDemuxer {
  private readonly onPayload: PayloadHandler;
  private readonly onGarbage: ((detail: string) => void) | undefined;
  private readonly maxFrameBytes: number;
  /** Header bytes collected while a header spans chunks (or while sliding through garbage). */
  private readonly hdr = Buffer.alloc(HEADER_BYTES);
  private hdrFill = 0;
  /** Payload of a frame that spans chunks; null between frames. */
  private frame: Buffer | null = null;
  private frameFill = 0;
  private frameType = 0;
  /** A garbage run has been reported and no valid header has been seen since. */
  private inGarbage = false;
  private ended = false;

  constructor(
    onPayload: PayloadHandler,
    onGarbage?: (detail: string) => void,
    opts?: { maxFrameBytes?: number },
  ) {
    this.onPayload = onPayload;
    this.onGarbage = onGarbage;
    this.maxFrameBytes = opts?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  push(chunk: Buffer): void {
    if (this.ended) return;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const frame = this.frame;
      if (frame !== null) {
        const want = frame.length - this.frameFill;
        const take = want < n - i ? want : n - i;
        chunk.copy(frame, this.frameFill, i, i + take);
        this.frameFill += take;
        i += take;
        if (this.frameFill === frame.length) {
          this.frame = null;
          this.deliver(this.frameType, frame, 0, frame.length);
        }
        continue;
      }
      if (this.hdrFill === 0 && n - i >= HEADER_BYTES) {
        // Fast path: the whole header is in this chunk.
        const len = this.frameLength(chunk, i);
        if (len < 0) {
          this.garbage(chunk, i);
          i += 1;
          continue;
        }
        i = this.startFrame(chunk[i]!, len, chunk, i + HEADER_BYTES);
        continue;
      }
      // The header spans chunks: collect it. While sliding through garbage this takes one byte at
      // a time, which examines exactly the offsets the fast path would.
      const take = Math.min(HEADER_BYTES - this.hdrFill, n - i);
      chunk.copy(this.hdr, this.hdrFill, i, i + take);
      this.hdrFill += take;
      i += take;
      if (this.hdrFill < HEADER_BYTES) break;
      const len = this.frameLength(this.hdr, 0);
      if (len < 0) {
        this.garbage(this.hdr, 0);
        this.hdr.copyWithin(0, 1, HEADER_BYTES);
        this.hdrFill = HEADER_BYTES - 1;
        continue;
      }
      this.hdrFill = 0;
      i = this.startFrame(this.hdr[0]!, len, chunk, i);
    }
  }

  /** The stream is over. Safe to call twice; later pushes are ignored. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.frame !== null) {
      const got = this.frameFill;
      const want = this.frame.length;
      this.frame = null;
      this.onGarbage?.(`log stream ended inside a frame (${got} of ${want} payload bytes); the partial frame was dropped`);
    } else if (this.hdrFill > 0 && !this.inGarbage) {
      this.onGarbage?.(`log stream ended inside a frame header (${this.hdrFill} of 8 bytes)`);
    }
    this.hdrFill = 0;
  }

  /** Payload length when `b[at..at+8)` is a valid header, else -1. */
  private frameLength(b: Buffer, at: number): number {
    if (b[at]! > TYPE_SYSTEMERR || b[at + 1] !== 0 || b[at + 2] !== 0 || b[at + 3] !== 0) return -1;
    const len = b.readUInt32BE(at + 4);
    if (len > this.maxFrameBytes) return -1;
    return this.inGarbage && len > RESYNC_MAX_FRAME_BYTES ? -1 : len;
  }

  /** Starts a frame whose payload begins at `chunk[i]`; returns the index after what it consumed. */
  private startFrame(type: number, len: number, chunk: Buffer, i: number): number {
    this.inGarbage = false;
    if (len === 0) return i;
    if (chunk.length - i >= len) {
      this.deliver(type, chunk, i, i + len);
      return i + len;
    }
    this.frameType = type;
    this.frame = Buffer.allocUnsafe(len);
    this.frameFill = 0;
    return i;
  }

  private deliver(type: number, b: Buffer, start: number, end: number): void {
    if (type === TYPE_SYSTEMERR) {
      this.onGarbage?.(`docker reported an error in the log stream: ${b.toString('utf8', start, end).trim()}`);
      return;
    }
    // Type 0 (stdin) never carries log output in practice; if it does, it is read as stdout.
    this.onPayload(type === TYPE_STDERR ? 'stderr' : 'stdout', b, start, end);
  }

  private garbage(b: Buffer, at: number): void {
    if (this.inGarbage) return;
    this.inGarbage = true;
    const shown = b.subarray(at, at + HEADER_BYTES).toString('hex');
    this.onGarbage?.(`invalid frame header ${shown} in the log stream; skipping to the next valid header`);
  }
}
