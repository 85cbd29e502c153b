import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-file.js';
import { join } from 'node:path';
import type { Logger } from '../telemetry/logger.js';
import type { Clock } from '../util/clock.js';
import type { StreamCheckpoints } from './acks.js';
import { parseCheckpointFile, serializeCheckpointFile, type StoredEntry } from './checkpoint-file.js';

export type { StoredEntry };

export interface CheckpointStoreOptions {
  /** `state_dir`; null keeps checkpoints in memory only. */
  dir: string | null;
  clock: Clock;
  logger: Logger;
  /** At most one write per interval. */
  intervalMs?: number;
  /** How long entries of removed containers are kept. */
  retainRemovedMs?: number;
}

const FILE = 'checkpoints.json';
const DAY = 24 * 60 * 60 * 1000;
/** While `state_dir` cannot be written: retry this often, and repeat the error at most this often. */
const FAILING_RETRY_MS = 1000;
const FAILING_LOG_MS = 5 * 60 * 1000;

/**
 * Every container's checkpoints, in one JSON file `<state_dir>/checkpoints.json`.
 *
 * Writes are coalesced: an update schedules a write soon after (so the window a crash can lose stays
 * small) but never more than once per `intervalMs`. Each write is atomic and durable: a temp file is
 * written and fsynced, renamed over the old one, and the directory is fsynced so the rename survives
 * a power cut. A file that cannot be read as a checkpoint file is moved aside and sluice starts empty:
 * the checkpoints speed up a restart and avoid duplicates, they must never stop one.
 */
export class CheckpointStore {
  readonly #dir: string | null;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #interval: number;
  readonly #retainRemoved: number;
  readonly #entries = new Map<string, StoredEntry>();
  readonly #pending = new Map<string, { source: () => StreamCheckpoints; name: string | undefined; at: number }>();
  #dirty = false;
  #lastWriteAt = -Infinity;
  #cancelTimer: (() => void) | null = null;
  #writing: Promise<void> | null = null;
  #writes = 0;
  #failures = 0;
  #problem: { reason: string; since: number; failuresSinceLog: number; loggedAt: number } | null = null;

  constructor(opts: CheckpointStoreOptions) {
    this.#dir = opts.dir;
    this.#clock = opts.clock;
    this.#log = opts.logger.child({ component: 'checkpoints' });
    this.#interval = opts.intervalMs ?? 1000;
    this.#retainRemoved = opts.retainRemovedMs ?? DAY;
  }

  get path(): string | null {
    return this.#dir === null ? null : join(this.#dir, FILE);
  }

  /** Completed writes (for tests and /status). */
  get writes(): number {
    return this.#writes;
  }

  /** Failed writes (and failed write checks at start) since the process started. */
  get failures(): number {
    return this.#failures;
  }

  /** Why `state_dir` cannot be written right now, or null when the last write (or check) worked. */
  get problem(): string | null {
    return this.#problem?.reason ?? null;
  }

  /** Reads the file (once, at start). Never throws for a missing or corrupt file. */
  async load(): Promise<Map<string, StoredEntry>> {
    const path = this.path;
    if (path !== null) {
      let text: string | undefined;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#log.warn({ err, path }, 'Could not read the checkpoint file; starting without checkpoints.');
      }
      if (text !== undefined) {
        const parsed = parseCheckpointFile(text);
        if (parsed.ok) {
          for (const [id, e] of parsed.entries) this.#entries.set(id, e);
        } else {
          const aside = `${path}.corrupt-${this.#clock.now()}`;
          this.#log.warn({ path, aside, reason: parsed.error }, 'The checkpoint file is corrupt; it was moved aside and sluice starts without checkpoints.');
          await rename(path, aside).catch((err: unknown) => this.#log.warn({ err }, 'Could not move the corrupt checkpoint file aside.'));
        }
      }
    }
    if (this.#dir !== null) await this.#checkWritable(this.#dir);
    return new Map([...this.#entries].map(([id, e]) => [id, { ...e }]));
  }

  /** Creates and removes a file in `dir`, so an unwritable `state_dir` is reported at start, not at the first acknowledgement. */
  async #checkWritable(dir: string): Promise<void> {
    const probe = join(dir, `.write-check-${process.pid}`);
    try {
      await mkdir(dir, { recursive: true });
      const fh = await open(probe, 'w', 0o600);
      await fh.close();
      await unlink(probe);
      this.#succeeded();
    } catch (err) {
      this.#failed(err);
    }
  }

  #succeeded(): void {
    if (this.#problem !== null) {
      this.#log.info({ path: this.path, failedWrites: this.#problem.failuresSinceLog }, 'state_dir is writable again; checkpoints are saved.');
      this.#problem = null;
    }
  }

  /**
   * One clear ERROR line when writing starts failing (what, why, what it costs, how to fix), then at
   * most one every FAILING_LOG_MS while it keeps failing; never a stack trace.
   */
  #failed(err: unknown): void {
    this.#failures++;
    const e = err as NodeJS.ErrnoException;
    const code = e?.code ?? 'error';
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const reason =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `state_dir ${this.#dir} is not writable by uid ${uid ?? '?'} (${code}): checkpoints are not saved`
        : `state_dir ${this.#dir}: checkpoints cannot be written (${code}: ${e?.message ?? String(err)})`;
    const now = this.#clock.now();
    const p = this.#problem;
    if (p === null) {
      this.#problem = { reason, since: now, failuresSinceLog: 0, loggedAt: now };
      this.#log.error(
        { path: this.path, code, uid },
        `${reason}. Until it is, a restart starts each container from \`backfill\` (lines may be lost or repeated). Make the directory writable by this user (for example: chown ${uid ?? '<uid>'} ${this.#dir}); sluice retries every second.`,
      );
      return;
    }
    p.reason = reason;
    p.failuresSinceLog++;
    if (now - p.loggedAt >= FAILING_LOG_MS) {
      this.#log.error({ path: this.path, code, failedWrites: p.failuresSinceLog, failingForMs: now - p.since }, `${reason} (still).`);
      p.loggedAt = now;
      p.failuresSinceLog = 0;
    }
  }

  get(containerId: string): StoredEntry | undefined {
    this.#materialize();
    return this.#entries.get(containerId);
  }

  /**
   * Like `update`, but the checkpoints are computed only when they are about to be written: an
   * ack tracker advances after every burst of acknowledgements, far more often than the file is
   * written (and never written with `state_dir: null`).
   */
  updateLazy(containerId: string, source: () => StreamCheckpoints, name?: string): void {
    if (this.#dir === null) return;
    this.#pending.set(containerId, { source, name, at: this.#clock.now() });
    this.#markDirty();
  }

  #materialize(): void {
    if (this.#pending.size === 0) return;
    for (const [id, p] of this.#pending) this.#set(id, p.source(), p.name, p.at);
    this.#pending.clear();
  }

  /** Records a container's newest checkpoints; written soon, coalesced. */
  update(containerId: string, cp: StreamCheckpoints, name?: string): void {
    this.#pending.delete(containerId);
    this.#set(containerId, cp, name, this.#clock.now());
    this.#markDirty();
  }

  #set(containerId: string, cp: StreamCheckpoints, name: string | undefined, at: number): void {
    const prev = this.#entries.get(containerId);
    const e: StoredEntry = { updatedAt: at };
    if (cp.stdout) e.stdout = { time: cp.stdout.time, count: cp.stdout.count };
    if (cp.stderr) e.stderr = { time: cp.stderr.time, count: cp.stderr.count };
    const n = name ?? prev?.name;
    if (n !== undefined) e.name = n;
    this.#entries.set(containerId, e);
  }

  /** The container was destroyed: its entry is kept for a while (`retainRemovedMs`), then dropped. */
  forget(containerId: string): void {
    this.#materialize();
    const e = this.#entries.get(containerId);
    if (e === undefined || e.removedAt !== undefined) return;
    e.removedAt = this.#clock.now();
    this.#markDirty();
  }

  /** Writes now if anything changed (shutdown), after any write in progress. */
  async flush(): Promise<void> {
    while (this.#writing !== null) await this.#writing;
    if (this.#cancelTimer !== null) {
      this.#cancelTimer();
      this.#cancelTimer = null;
    }
    if (this.#dirty) await this.#write();
  }

  /** Resolves when no write is in progress (tests). */
  async idle(): Promise<void> {
    while (this.#writing !== null) await this.#writing;
  }

  #markDirty(): void {
    this.#dirty = true;
    if (this.#dir === null) {
      this.#dirty = false;
      return;
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#cancelTimer !== null || this.#writing !== null) return;
    const gap = this.#problem === null ? this.#interval : Math.max(this.#interval, FAILING_RETRY_MS);
    const wait = Math.max(0, this.#lastWriteAt + gap - this.#clock.now());
    this.#cancelTimer = this.#clock.setTimer(wait, () => {
      this.#cancelTimer = null;
      if (this.#dirty) void this.#write();
    });
  }

  #write(): Promise<void> {
    const p = this.#doWrite().finally(() => {
      this.#writing = null;
      // Updates that arrived during the write go out in the next slot.
      if (this.#dirty) this.#schedule();
    });
    this.#writing = p;
    return p;
  }

  async #doWrite(): Promise<void> {
    const dir = this.#dir!;
    const now = this.#clock.now();
    this.#lastWriteAt = now;
    for (const [id, e] of this.#entries) if (e.removedAt !== undefined && now - e.removedAt >= this.#retainRemoved) this.#entries.delete(id);
    this.#dirty = false;
    this.#materialize();
    const text = serializeCheckpointFile(this.#entries);
    try {
      await writeFileAtomic(dir, FILE, text);
      this.#writes++;
      this.#succeeded();
    } catch (err) {
      // Keep running; the next update (or flush) tries again.
      this.#dirty = true;
      this.#failed(err);
    }
  }
}
