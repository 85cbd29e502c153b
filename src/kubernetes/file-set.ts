/**
 * Which files make up one container run, in which order: the follower's view of its directory.
 *
 * A scan lists `<restart>.log*`; a plain file already queued under another name is the same file
 * renamed by a rotation (an open handle keeps its inode from being reused); `X.gz` of a file seen
 * as `X`, or a `.gz` whose uncompressed head matches a seen file, is a compressed copy and is not
 * read again. New files are queued in rotation order (the live file last). The first scan places
 * the run's checkpoint among the files found (kubernetes/file-checkpoints.ts).
 *
 * A listing is not a snapshot: a name listed may be renamed (the live file rotated) or compressed
 * (`X` → `X.gz`, then `X` unlinked) before it is opened. A scan in which a name vanished lists the
 * directory again, so the file is found under its new name in the same scan. Otherwise the first
 * scan at start would miss the checkpoint's file, report it rotated away and read it again from
 * its start under its new name in the next scan.
 */
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunCheckpoint } from './file-checkpoints.js';
import { LogFile } from './log-file.js';
import { parseLogFileName } from './path.js';

export interface RunFilesEvents {
  /** A file of a later restart appeared (once). */
  superseded(): void;
  /** A file that was never read is gone. */
  lost(name: string, detail: string): void;
}

const byOrder = (a: LogFile, b: LogFile) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);
/** Listings per scan while names vanish between listing and open (a rotation takes milliseconds; rotations are seconds apart). */
const LISTINGS = 3;

/** The directory's names; injectable so a test can rotate between a listing and the opens. */
export type ListDir = (dir: string) => Promise<string[]>;

export class RunFiles {
  /** Files still to read, in rotation order; `queue[0]` is being read. */
  queue: LogFile[] = [];
  /** Every file seen in this process (queued, read, or skipped), to recognise it renamed or compressed. */
  #seen: LogFile[] = [];
  superseded = false;
  dirGone = false;

  constructor(
    readonly dir: string,
    readonly restart: number,
    private readonly events: RunFilesEvents,
    private readonly list: ListDir = (d) => readdir(d),
  ) {}

  /** Lists the directory; returns the files not seen before (opened); none when it is gone. */
  async scan(): Promise<LogFile[]> {
    const fresh: LogFile[] = [];
    const vanished = new Set<string>();
    for (let listing = 1; ; listing++) {
      const mine = await this.#mine();
      if (mine === null) break;
      let changed = false;
      for (const name of mine) {
        if (this.#known(name, fresh)) continue;
        const f = await LogFile.open(this.dir, name);
        if (f === null) {
          vanished.add(name);
          changed = true;
          continue;
        }
        // An open file keeps its inode, so the same inode in the queue (or opened earlier in this
        // scan) is the same file, renamed by a rotation. (A closed file's inode may have been
        // reused: never matched by inode.)
        const same = [...this.queue, ...fresh].find((q) => !f.gz && !q.gz && q.dev === f.dev && q.ino === f.ino);
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
      if (!changed || listing === LISTINGS) break;
    }
    // A rotated plain file that vanished, is not open and was not compressed was deleted unread.
    for (const name of vanished) {
      if (this.#known(name, fresh)) continue;
      const p = parseLogFileName(name);
      if (p?.rotated !== undefined && !p.gz && !(await exists(this.dir, name + '.gz'))) this.events.lost(name, 'removed before sluice could open it');
    }
    return fresh;
  }

  /** This run's names, sorted (so `X` comes before `X.gz` when a listing holds both); null when the directory is gone. */
  async #mine(): Promise<string[] | null> {
    let names: string[];
    try {
      names = await this.list(this.dir);
    } catch {
      this.dirGone = true;
      return null;
    }
    const mine: string[] = [];
    for (const n of names) {
      const p = parseLogFileName(n);
      if (p === null) continue;
      if (p.restart > this.restart && !this.superseded) {
        this.superseded = true;
        this.events.superseded();
      } else if (p.restart === this.restart) mine.push(n);
    }
    return mine.sort();
  }

  /** Seen already (or opened earlier in this scan) under this name, or `name` is the compressed form (`X.gz`) of one. */
  #known(name: string, fresh: readonly LogFile[]): boolean {
    const is = (f: LogFile) => f.name === name || f.name + '.gz' === name;
    return this.#seen.some(is) || fresh.some(is);
  }

  /** Queues files found after the first scan, in rotation order behind the file being read. */
  add(fresh: LogFile[]): void {
    if (fresh.length === 0) return;
    const cur = this.queue[0];
    for (const f of fresh) {
      this.#seen.push(f);
      this.queue.push(f);
    }
    this.queue.sort((a, b) => (a === cur ? -1 : b === cur ? 1 : byOrder(a, b)));
    this.#trimSeen();
  }

  /** Done with `queue[0]`. */
  shift(): LogFile | undefined {
    const f = this.queue.shift();
    this.#trimSeen();
    return f;
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

  /**
   * The first scan: queues the files from where reading starts (the checkpoint's file, or the
   * first or last file), closes the ones before; returns the offset in `queue[0]` to start at.
   */
  async position(found: LogFile[], start: RunCheckpoint | 'start' | 'end'): Promise<number> {
    found.sort(byOrder);
    for (const f of found) this.#seen.push(f);
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
        this.events.lost(start.file.name, `removed before it was read past byte ${start.offset}`);
      }
    }
    for (let i = 0; i < found.length; i++) {
      if (i < from) await found[i]!.close();
      else this.queue.push(found[i]!);
    }
    return offset;
  }

  /** Keeps the memory of seen files bounded: the queue plus the last few finished ones. */
  #trimSeen(): void {
    if (this.#seen.length <= this.queue.length + 16) return;
    const keep = new Set(this.queue);
    const done = this.#seen.filter((f) => !keep.has(f));
    this.#seen = [...done.slice(-16), ...this.queue];
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
