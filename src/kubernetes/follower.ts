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
 * with a poll every `idleMs` as the fallback (every `pollMs` when the watch failed); directory
 * scans at most once per `pollMs` while reading.
 */
import { watch, type FSWatcher } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stream } from '../core/record.js';
import type { Clock } from '../util/clock.js';
import { CriReader } from './cri.js';
import type { RunCheckpoint } from './file-checkpoints.js';
import { LogFile } from './log-file.js';
import { parseLogFileName } from './path.js';

export interface FollowerHandler {
  line(stream: Stream, time: string, line: string, truncated: boolean, file: LogFile, resume: number): void;
  garbage(detail: string): void;
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

export class Follower {
  /** Files still to read, in rotation order; `#queue[0]` is being read. */
  #queue: LogFile[] = [];
  /** Every file seen in this process (queued, read, or skipped), to recognise it renamed or compressed. */
  #seen: LogFile[] = [];
  #running = false;
  #paused = false;
  #pumping = false;
  #superseded = false;
  #dirGone = false;
  #watcher: FSWatcher | undefined;
  #watchFailed = false;
  #woken = false;
  #wake: (() => void) | undefined;
  #lastScan = -Infinity;
  /** Where reading started (after the first scan): the run's position before any acknowledgement. */
  startedAt: { file: LogFile; offset: number } | undefined;
  readonly #buf = Buffer.allocUnsafe(CHUNK);

  constructor(
    readonly dir: string,
    readonly restart: number,
    private readonly opts: FollowerOptions,
    private readonly handler: FollowerHandler,
  ) {}

  get files(): readonly LogFile[] {
    return this.#queue;
  }

  get paused(): boolean {
    return this.#paused;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      this.#watcher = watch(this.dir, { persistent: false }, () => this.#wakeUp());
      this.#watcher.on('error', () => {
        this.#watchFailed = true;
        this.#wakeUp();
      });
    } catch {
      // The directory is gone already, or inotify is exhausted: the poll still works.
    }
    await this.#scan(true);
    void this.#pump();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#watcher?.close();
    this.#wakeUp();
    for (const f of this.#queue) void f.close();
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
          await this.#scan(false);
          continue;
        }
        if (this.opts.clock.now() - this.#lastScan >= this.opts.pollMs) await this.#scan(false);
        const cur = this.#queue[0];
        if (cur !== undefined) {
          const n = await cur.read(this.#buf);
          if (n > 0) {
            cur.reader!.push(this.#buf.subarray(0, n));
            continue;
          }
          const next = this.#queue[1];
          if (cur.finishing || cur.gz) {
            await this.#finish(cur);
            continue;
          }
          if ((next !== undefined && !cur.live && (await next.size()) > 0) || (next === undefined && (this.#superseded || this.#dirGone))) {
            // The runtime writes elsewhere now (the next file has data, the container exited, or the
            // pod is gone); what it wrote here before is on disk: read to the end once more.
            cur.finishing = true;
            continue;
          }
        } else if (this.#superseded || this.#dirGone) {
          this.#running = false;
          this.#watcher?.close();
          this.handler.ended(this.#dirGone ? 'gone' : 'eof');
          return;
        }
        await this.#idle();
        await this.#scan(false);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #idle(): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    // Nothing costs while nothing happens: with a working watch, a write or a rotation wakes us.
    const ms = this.#watcher !== undefined && !this.#watchFailed ? (this.opts.idleMs ?? 2000) : this.opts.pollMs;
    return new Promise((resolve) => {
      const cancel = this.opts.clock.setTimer(ms, () => {
        this.#wake = undefined;
        resolve();
      });
      this.#wake = () => {
        cancel();
        resolve();
      };
    });
  }

  async #finish(cur: LogFile): Promise<void> {
    cur.reader!.flush();
    await cur.fingerprint(); // kept, to recognise its `.gz` later
    this.#queue.shift();
    await cur.close();
    const next = this.#queue[0];
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

  /** Lists the directory: new files of this run are queued in order, renamed ones recognised. */
  async #scan(first: boolean): Promise<void> {
    this.#lastScan = this.opts.clock.now();
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      this.#dirGone = true;
      return;
    }
    const mine: string[] = [];
    for (const n of names) {
      const p = parseLogFileName(n);
      if (p === null) continue;
      if (p.restart > this.restart && !this.#superseded) {
        this.#superseded = true;
        this.handler.superseded();
      }
      else if (p.restart === this.restart) mine.push(n);
    }
    const fresh: LogFile[] = [];
    for (const name of mine) {
      // Seen already under this name, or its compressed form (`X.gz` of a seen `X`).
      if (this.#seen.some((f) => f.name === name || f.name + '.gz' === name)) continue;
      const f = await LogFile.open(this.dir, name);
      if (f === null) {
        const p = parseLogFileName(name);
        if (p?.rotated !== undefined && !p.gz && !(await exists(this.dir, name + '.gz'))) {
          this.handler.lost(name, 'removed before sluice could open it');
        }
        continue;
      }
      // An open file keeps its inode, so the same inode in the queue is the same file, renamed by a
      // rotation. (A closed file's inode may have been reused: never matched by inode.)
      const same = this.#queue.find((q) => !f.gz && !q.gz && q.dev === f.dev && q.ino === f.ino);
      if (same !== undefined) {
        same.name = name;
        await f.close();
        continue;
      }
      if (f.gz && (await this.#isCopyOfSeen(f))) {
        await f.close();
        this.#seen.push(f);
        continue;
      }
      fresh.push(f);
    }
    if (first) await this.#position(fresh);
    else {
      for (const f of fresh) {
        this.#seen.push(f);
        this.#queue.push(f);
      }
      this.#queue.sort((a, b) => (a === this.#queue[0] ? -1 : b === this.#queue[0] ? 1 : a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
      if (fresh.length > 0 && this.#queue[0]!.reader === undefined) {
        this.#begin(this.#queue[0]!, 0);
        this.startedAt ??= { file: this.#queue[0]!, offset: 0 };
      }
    }
    this.#trimSeen();
  }

  async #isCopyOfSeen(f: LogFile): Promise<boolean> {
    const fp = await f.fingerprint();
    if (fp.len === 0) return false;
    for (const s of this.#seen) {
      if (s.gz) continue;
      const o = await s.fingerprint(fp.len);
      if (o.len === fp.len && o.hash === fp.hash) return true;
    }
    return false;
  }

  /** The first scan: where to start among the files found, from the checkpoint. */
  async #position(found: LogFile[]): Promise<void> {
    found.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    for (const f of found) this.#seen.push(f);
    const start = this.opts.start;
    let from = 0;
    let offset = 0;
    if (start === 'end') {
      from = Math.max(0, found.length - 1);
      offset = found.length > 0 ? await found[from]!.size() : 0;
    } else if (start !== 'start') {
      let at = -1;
      for (let i = 0; i < found.length && at < 0; i++) if (await found[i]!.matches(start.file)) at = i;
      if (at >= 0) {
        from = at;
        offset = start.offset;
      } else {
        // The checkpoint's file is gone. Files that began after it are still to read; the rest of it is lost.
        const t = start.file.firstTime;
        from = found.length;
        for (let i = 0; i < found.length; i++) {
          const ft = (await found[i]!.fingerprint()).firstTime;
          if (t === undefined || ft === undefined || ft > t) {
            from = i;
            break;
          }
        }
        this.handler.lost(start.file.name, `removed before it was read past byte ${start.offset}`);
      }
    }
    for (let i = 0; i < found.length; i++) {
      if (i < from) await found[i]!.close();
      else this.#queue.push(found[i]!);
    }
    if (this.#queue.length > 0) {
      this.#begin(this.#queue[0]!, offset);
      this.startedAt = { file: this.#queue[0]!, offset };
    }
  }

  /** Keeps the memory of seen files bounded: the queue plus the last few finished ones. */
  #trimSeen(): void {
    if (this.#seen.length <= this.#queue.length + 16) return;
    const keep = new Set(this.#queue);
    const done = this.#seen.filter((f) => !keep.has(f));
    this.#seen = [...done.slice(-16), ...this.#queue];
  }
}

async function exists(dir: string, name: string): Promise<boolean> {
  try {
    await access(join(dir, name));
    return true;
  } catch {
    return false;
  }
}
