/**
 * One pod log file as a follower reads it: plain (`0.log`, `0.log.<ts>`) through an open file
 * handle, so a rename, a compression and even a deletion do not stop it being read to its end; or
 * compressed (`….gz`), read once through gunzip (only when its lines were not read before it was
 * compressed, e.g. while sluice was stopped). Offsets are in the uncompressed bytes, so a checkpoint
 * taken on the plain file still applies to its `.gz`.
 */
import { createReadStream, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { timestampEnd } from '../docker/lines.js';
import { canonicalDockerTime } from '../delivery/time.js';
import type { FileIdentity } from './file-checkpoints.js';
import type { CriReader } from './cri.js';
import { parseLogFileName } from './path.js';

/** Bytes a fingerprint covers (fewer while the file is shorter). */
export const FP_BYTES = 256;
/** Sorts the live file after every rotated one. */
const LIVE = '99999999-999999';

export class LogFile {
  name: string;
  readonly dev: number;
  readonly ino: number;
  readonly gz: boolean;
  /** Next uncompressed offset to read. */
  pos = 0;
  /** Set by the follower when it starts reading this file. */
  reader: CriReader | undefined;
  /** The next file has data: the runtime reopened, nothing more is written here; read to EOF and finish. */
  finishing = false;
  #fh: FileHandle | undefined;
  #gz: AsyncIterator<Buffer> | undefined;
  #gzPending: Buffer | undefined;
  #fp: { len: number; hash: string; firstTime?: string } | undefined;
  #closed = false;

  private constructor(readonly dir: string, name: string, dev: number, ino: number, gz: boolean, fh?: FileHandle) {
    this.name = name;
    this.dev = dev;
    this.ino = ino;
    this.gz = gz;
    this.#fh = fh;
  }

  /** Opens a plain file (keeping the handle) or stats a `.gz`. Null when it vanished meanwhile. */
  static async open(dir: string, name: string): Promise<LogFile | null> {
    const gz = name.endsWith('.gz');
    let fh: FileHandle | undefined;
    try {
      fh = await open(join(dir, name), 'r');
      const st = await fh.stat();
      return new LogFile(dir, name, st.dev, st.ino, gz, fh);
    } catch {
      await fh?.close().catch(() => undefined);
      return null;
    }
  }

  /** Rotation order: the rotation suffix, the live file last. */
  get order(): string {
    return parseLogFileName(this.name)?.rotated ?? LIVE;
  }

  get live(): boolean {
    return parseLogFileName(this.name)?.rotated === undefined;
  }

  async size(): Promise<number> {
    if (this.#fh === undefined) return 0;
    try {
      return (await this.#fh.stat()).size;
    } catch {
      return 0;
    }
  }

  /** sha256 of the first min(FP_BYTES, size) bytes (uncompressed), and the first record's time. */
  async fingerprint(len = FP_BYTES): Promise<{ len: number; hash: string; firstTime?: string }> {
    // Cached once it covers FP_BYTES (a shorter head changes as the file grows), or once closed.
    if (this.#fp !== undefined && ((len === FP_BYTES && this.#fp.len === FP_BYTES) || this.#closed)) return this.#fp;
    const head = await this.#head(len);
    const fp: { len: number; hash: string; firstTime?: string } = { len: head.length, hash: sha256Hex(head) };
    const sp = timestampEnd(head, 0, head.length);
    if (sp > 0) fp.firstTime = canonicalDockerTime(head.toString('latin1', 0, sp));
    if (len === FP_BYTES) this.#fp = fp;
    return fp;
  }

  async #head(len: number): Promise<Buffer> {
    if (this.#fh === undefined) return Buffer.alloc(0);
    if (!this.gz) {
      const b = Buffer.alloc(len);
      const { bytesRead } = await this.#fh.read(b, 0, len, 0);
      return b.subarray(0, bytesRead);
    }
    const parts: Buffer[] = [];
    let got = 0;
    try {
      for await (const c of this.#gunzip()) {
        parts.push(c);
        got += c.length;
        if (got >= len) break;
      }
    } catch {
      // A truncated or vanished .gz: its readable head is what it is.
    }
    return Buffer.concat(parts).subarray(0, len);
  }

  /** The identity stored in a checkpoint. */
  async identity(): Promise<FileIdentity> {
    const fp = await this.fingerprint();
    return { dev: this.dev, ino: this.ino, fp: fp.hash, fpLen: fp.len, ...(fp.firstTime !== undefined ? { firstTime: fp.firstTime } : {}), name: this.name };
  }

  /** Whether a checkpoint's file is this one: same inode and head (plain), or same head (compressed). */
  async matches(id: FileIdentity): Promise<boolean> {
    if (!this.gz && (this.dev !== id.dev || this.ino !== id.ino)) return false;
    if (id.fpLen === 0) return !this.gz;
    const fp = await this.fingerprint(id.fpLen);
    return fp.len === id.fpLen && fp.hash === id.fp;
  }

  /** Reads the next bytes from `pos` into `buf`; 0 at the (current) end. */
  async read(buf: Buffer): Promise<number> {
    if (this.#closed) return 0;
    if (!this.gz) {
      // A synchronous pread: log files are local and what was just written is in the page cache
      // (~10 µs for 64 KiB). Through the thread pool, each read cost two thread hand-offs and a
      // wake-up of the loop: with 200 pods writing 10 lines/s each, 15 % of a core against 8 %.
      const bytesRead = readSync(this.#fh!.fd, buf, 0, buf.length, this.pos);
      this.pos += bytesRead;
      return bytesRead;
    }
    if (this.#gz === undefined) this.#gz = this.#gunzipFrom(this.pos);
    let c = this.#gzPending;
    this.#gzPending = undefined;
    if (c === undefined) {
      const r = await this.#gz.next();
      if (r.done) return 0;
      c = r.value;
    }
    const n = Math.min(c.length, buf.length);
    c.copy(buf, 0, 0, n);
    if (n < c.length) this.#gzPending = c.subarray(n);
    this.pos += n;
    return n;
  }

  async *#gunzipFrom(from: number): AsyncGenerator<Buffer> {
    let at = 0;
    try {
      for await (const c of this.#gunzip()) {
        const end = at + c.length;
        if (end > from) yield at >= from ? c : c.subarray(from - at);
        at = end;
      }
    } catch {
      // Truncated: what was readable has been read; the follower treats the end as the end.
    }
  }

  /** The decompressed bytes, read through the handle opened when the file was first seen. */
  async *#gunzip(): AsyncGenerator<Buffer> {
    if (this.#fh === undefined) return;
    yield* createReadStream('', { fd: this.#fh, start: 0, autoClose: false }).pipe(createGunzip()) as AsyncIterable<Buffer>;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const fh = this.#fh;
    this.#fh = undefined;
    await this.#gz?.return?.(undefined).catch(() => undefined);
    await fh?.close().catch(() => undefined);
  }
}

/** sha256 as hex; node:crypto taken on first use, so a Docker-source agent never loads it (util/digest.ts). */
function sha256Hex(b: Buffer): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(b).digest('hex');
}
