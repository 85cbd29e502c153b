/**
 * One container run (`<pod dir>/<container>/<restart>.log` and its rotated files), read in order.
 *
 * Rotation as the kubelet does it (reference/ecosystem.md §8): `N.log` is renamed
 * `N.log.<YYYYMMDD-HHMMSS>`, a new `N.log` appears, and the runtime keeps writing into the renamed
 * file until it reopens. So a rotated file is finished only once the next file has data (the
 * runtime has reopened) and it was read to its end after that. Plain files are read through a
 * handle opened when first seen: a compression or deletion of a file already open loses nothing.
 * A `.gz` whose plain file was never opened (compressed while sluice was stopped) is read through
 * gunzip. A file that vanished before it could be opened is reported through `lost`.
 *
 * The run ends (`ended`) after its files were read to their end and either a later restart of the
 * container has a file (this run's container exited) or the pod directory was removed.
 *
 * Wake-ups: an fs.watch on the container directory (inotify: every write, rename, creation in it),
 * with a poll every `idleMs` as the fallback (every `pollMs` when the watch failed). The directory is
 * scanned when its entries changed (a `rename` event: rotation, compression, a new restart's file),
 * at most once per `pollMs` while reading, and on every fallback poll; a write (a `change` event)
 * only reads. (Scanning after every wake-up cost a directory listing and a stat per line when each
 * container writes a line now and then: 200 pods at 10 lines/s, ~20 syscalls per line.)
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Stream } from '../core/record.js';
import type { Clock } from '../util/clock.js';
import { CriReader } from './cri.js';
import type { RunCheckpoint } from './file-checkpoints.js';
import type { LogFile } from './log-file.js';
import { RunFiles } from './file-set.js';
import { BufferPool } from '../util/buffer-pool.js';

export interface FollowerHandler {
  line(stream: Stream, time: string, line: string, truncated: boolean, file: LogFile, resume: number): void;
  garbage(detail: string): void;
  /**
   * Where reading starts, once, before any line of it is read: the run's position until a line is
   * acknowledged (so lines written while sluice is down after this are not skipped).
   */
  startsAt(file: LogFile, offset: number): void;
  /** Reading moved on from `done` to `next` (or to nothing: the run ended). */
  fileDone(done: LogFile, next: LogFile | undefined): void;
  /** A file that was never read is gone (rotated away); `detail` says what is known. */
  lost(name: string, detail: string): void;
  /** A file of a later restart appeared in the directory (once). */
  superseded(): void;
  ended(why: 'eof' | 'gone'): void;
}

export interface FollowerOptions {
  maxLineBytes: number;
  clock: Clock;
  pollMs: number;
  /** Fallback poll at the end of the files while the directory watch works (it wakes the follower). */
  idleMs?: number;
  /** Where to resume (the run's checkpoint), or: read from the start / from the current end. */
  start: RunCheckpoint | 'start' | 'end';
  fallbackTime: () => string;
}

const CHUNK = 64 * 1024;

/**
 * Read buffers, lent to a follower for one read and its push. A buffer of its own per follower cost
 * 64 KiB each once a read had filled it (200 pods read from the start: 13.7 MB of buffers held). A
 * plain file's read is synchronous, so one buffer serves every follower; a gzipped file's read
 * awaits between filling the buffer and the push, so a few may be out at once. The reader copies
 * what it keeps (CriReader): a buffer is free again as soon as the push returns.
 */
const readBuffers = new BufferPool(CHUNK, 4);

export class Follower {
  readonly #files: RunFiles;
  #running = false;
  #paused = false;
  #pumping = false;
  #watcher: FSWatcher | undefined;
  #watchFailed = false;
  #woken = false;
  /** The directory's entries may have changed since the last scan (or no watch says otherwise). */
  #dirChanged = true;
  #wake: (() => void) | undefined;
  #lastScan = -Infinity;
  #scans = 0;
  #begun = false;

  constructor(
    readonly dir: string,
    readonly restart: number,
    private readonly opts: FollowerOptions,
    private readonly handler: FollowerHandler,
  ) {
    this.#files = new RunFiles(dir, restart, { superseded: () => handler.superseded(), lost: (n, d) => handler.lost(n, d) });
  }

  get files(): readonly LogFile[] {
    return this.#files.queue;
  }

  /** Directory scans so far (for tests and diagnostics). */
  get scans(): number {
    return this.#scans;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      this.#watcher = watch(this.dir, { persistent: false }, (event) => {
        if (event !== 'change') this.#dirChanged = true;
        this.#wakeUp();
      });
      this.#watcher.on('error', () => {
        this.#watchFailed = true;
        this.#dirChanged = true;
        this.#wakeUp();
      });
    } catch {
      // The directory is gone already, or inotify is exhausted: the poll still works.
    }
    this.#lastScan = this.opts.clock.now();
    const found = await this.#files.scan();
    const offset = await this.#files.position(found, this.opts.start);
    const first = this.#files.queue[0];
    if (first !== undefined) {
      this.#begin(first, offset);
      this.#startsAt(first, offset);
    }
    void this.#pump();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#watcher?.close();
    this.#wakeUp();
    for (const f of this.#files.queue) void f.close();
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#running && !this.#pumping) void this.#pump();
    this.#wakeUp();
  }

  /** Something changed in the directory (the source saw it go, or a new restart appear). */
  poke(): void {
    this.#dirChanged = true;
    this.#wakeUp();
  }

  #wakeUp(): void {
    const w = this.#wake;
    this.#wake = undefined;
    // An event while busy (reading, scanning) is remembered: the next idle returns at once, or a
    // change made during the scan that just ran would wait for the fallback poll.
    if (w === undefined) this.#woken = true;
    else w();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#running) {
        if (this.#paused) {
          // Backpressure: no reading, but new files are still opened as they appear, so a rotation
          // (and a deletion) meanwhile loses nothing: the open handle keeps the file readable.
          await this.#idle();
          await this.#scan();
          continue;
        }
        const sinceScan = this.opts.clock.now() - this.#lastScan;
        if ((this.#dirChanged || !this.#watching) && sinceScan >= this.opts.pollMs) await this.#scan();
        else if (sinceScan >= this.#idleMs) await this.#scan(); // the safety net: an event lost
        const files = this.#files;
        const cur = files.queue[0];
        if (cur !== undefined) {
          const buf = readBuffers.borrow();
          let n: number;
          try {
            n = await cur.read(buf);
            if (n > 0) cur.reader!.push(buf.subarray(0, n));
          } finally {
            readBuffers.giveBack(buf);
          }
          // A plain file's read returns less than asked only at its end: no second read to see 0.
          if (n > 0 && (n === CHUNK || cur.gz)) continue;
          const next = files.queue[1];
          if (cur.finishing || cur.gz) {
            await this.#finish(cur);
            continue;
          }
          if ((next !== undefined && !cur.live && (await next.size()) > 0) || (next === undefined && (files.superseded || files.dirGone))) {
            // The runtime writes elsewhere now (the next file has data, the container exited, or the
            // pod is gone); what it wrote here before is on disk: read to the end once more.
            cur.finishing = true;
            continue;
          }
        } else if (files.superseded || files.dirGone) {
          this.#running = false;
          this.#watcher?.close();
          this.handler.ended(files.dirGone ? 'gone' : 'eof');
          return;
        }
        if ((await this.#idle()) === 'timer' || this.#dirChanged || !this.#watching) await this.#scan();
      }
    } finally {
      this.#pumping = false;
    }
  }

  get #watching(): boolean {
    return this.#watcher !== undefined && !this.#watchFailed;
  }

  get #idleMs(): number {
    return this.opts.idleMs ?? 2000;
  }

  /** Until an event wakes the run, or the fallback poll's timer fires ('timer'). */
  #idle(): Promise<'event' | 'timer'> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve('event');
    }
    // Nothing costs while nothing happens: with a working watch, a write or a rotation wakes us.
    const ms = this.#watching ? this.#idleMs : this.opts.pollMs;
    return new Promise((resolve) => {
      const cancel = this.opts.clock.setTimer(ms, () => {
        this.#wake = undefined;
        resolve('timer');
      });
      this.#wake = () => {
        cancel();
        resolve('event');
      };
    });
  }

  async #finish(cur: LogFile): Promise<void> {
    cur.reader!.flush();
    await cur.fingerprint(); // kept, to recognise its `.gz` later
    this.#files.shift();
    await cur.close();
    const next = this.#files.queue[0];
    if (next !== undefined) this.#begin(next, 0);
    this.handler.fileDone(cur, next);
  }

  #begin(f: LogFile, offset: number): void {
    f.pos = offset;
    f.reader = new CriReader(
      { maxLineBytes: this.opts.maxLineBytes, offset, fallbackTime: this.opts.fallbackTime },
      (stream, time, line, truncated, resume) => this.handler.line(stream, time, line, truncated, f, resume),
      (detail) => this.handler.garbage(detail),
    );
  }

  /** New files of this run are queued; the first one ever found starts the reading. */
  async #scan(): Promise<void> {
    this.#scans++;
    this.#lastScan = this.opts.clock.now();
    this.#dirChanged = false; // an event during the scan sets it again
    this.#files.add(await this.#files.scan());
    const first = this.#files.queue[0];
    if (first !== undefined && first.reader === undefined) {
      this.#begin(first, 0);
      this.#startsAt(first, 0);
    }
  }

  #startsAt(file: LogFile, offset: number): void {
    if (this.#begun) return;
    this.#begun = true;
    this.handler.startsAt(file, offset);
  }
}
