import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../telemetry/logger.js';
import type { Clock } from './clock.js';
import { writeFileAtomic } from './atomic-file.js';

/** While the directory cannot be written: retry this often, and repeat the error at most this often. */
const FAILING_RETRY_MS = 1000;
const FAILING_LOG_MS = 5 * 60 * 1000;

export interface CoalescedFileOptions {
  dir: string;
  name: string;
  clock: Clock;
  logger: Logger;
  /** At most one write per interval. */
  intervalMs: number;
  /** The file's content as of now; called once per write, just before it (so it may be computed lazily). */
  render: () => string | Promise<string>;
  /** What the file holds, plural, for messages ("checkpoints"). */
  what: string;
  /** What a failure costs, said once in the error line (e.g. "a restart may repeat lines"). */
  consequence: string;
}

/**
 * One file of saved state (checkpoints), written soon after each change and never more than once per
 * `intervalMs`, one write at a time; each write is atomic and durable (util/atomic-file.ts). When the
 * directory cannot be written: one clear ERROR line (what, why, what it costs, how to fix), then at
 * most one every five minutes while it keeps failing, never a stack trace; retried every second; and
 * `problem` says why until a write works again.
 */
export class CoalescedFile {
  readonly #o: CoalescedFileOptions;
  #dirty = false;
  #lastWriteAt = -Infinity;
  #cancelTimer: (() => void) | null = null;
  #writing: Promise<void> | null = null;
  #writes = 0;
  #failures = 0;
  #problem: { reason: string; since: number; failuresSinceLog: number; loggedAt: number } | null = null;

  constructor(opts: CoalescedFileOptions) {
    this.#o = opts;
  }

  get path(): string {
    return join(this.#o.dir, this.#o.name);
  }
  /** Completed writes. */
  get writes(): number {
    return this.#writes;
  }
  /** Failed writes (and failed write checks) since the process started. */
  get failures(): number {
    return this.#failures;
  }
  /** Why the directory cannot be written right now, or null when the last write (or check) worked. */
  get problem(): string | null {
    return this.#problem?.reason ?? null;
  }

  /**
   * The file's text, or undefined when there is none or it cannot be read (said once at warn). A
   * text `parse` refuses (returns a reason) is moved aside: saved state speeds a restart up, it must
   * never stop one.
   */
  async read<T>(parse: (text: string) => { ok: true; value: T } | { ok: false; error: string }): Promise<T | undefined> {
    const path = this.path;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#o.logger.warn({ err: (err as Error).message, path }, `Could not read the ${this.#o.what} file; starting without ${this.#o.what}.`);
      return undefined;
    }
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    const aside = `${path}.corrupt-${this.#o.clock.now()}`;
    this.#o.logger.warn({ path, aside, reason: parsed.error }, `The ${this.#o.what} file is corrupt; it was moved aside and sluice starts without ${this.#o.what}.`);
    await rename(path, aside).catch((err: unknown) => this.#o.logger.warn({ err: (err as Error).message }, `Could not move the corrupt ${this.#o.what} file aside.`));
    return undefined;
  }

  /** Creates and removes a file in the directory, so an unwritable one is reported at start, not at the first write. */
  async checkWritable(): Promise<void> {
    const probe = join(this.#o.dir, `.write-check-${process.pid}`);
    try {
      await mkdir(this.#o.dir, { recursive: true });
      const fh = await open(probe, 'w', 0o600);
      await fh.close();
      await unlink(probe);
      this.#succeeded();
    } catch (err) {
      this.#failed(err);
    }
  }

  /** Something changed: write soon (coalesced). */
  markDirty(): void {
    this.#dirty = true;
    this.#schedule();
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

  /** Resolves when no write is in progress. */
  async idle(): Promise<void> {
    while (this.#writing !== null) await this.#writing;
  }

  #schedule(): void {
    if (this.#cancelTimer !== null || this.#writing !== null) return;
    const gap = this.#problem === null ? this.#o.intervalMs : Math.max(this.#o.intervalMs, FAILING_RETRY_MS);
    const wait = Math.max(0, this.#lastWriteAt + gap - this.#o.clock.now());
    this.#cancelTimer = this.#o.clock.setTimer(wait, () => {
      this.#cancelTimer = null;
      if (this.#dirty) void this.#write();
    });
  }

  #write(): Promise<void> {
    const p = this.#doWrite().finally(() => {
      this.#writing = null;
      // Changes that arrived during the write go out in the next slot.
      if (this.#dirty) this.#schedule();
    });
    this.#writing = p;
    return p;
  }

  async #doWrite(): Promise<void> {
    this.#lastWriteAt = this.#o.clock.now();
    this.#dirty = false;
    try {
      await writeFileAtomic(this.#o.dir, this.#o.name, await this.#o.render());
      this.#writes++;
      this.#succeeded();
    } catch (err) {
      // Keep running; the next slot tries again.
      this.#dirty = true;
      this.#failed(err);
    }
  }

  #succeeded(): void {
    if (this.#problem !== null) {
      this.#o.logger.info({ path: this.path, failedWrites: this.#problem.failuresSinceLog }, `state_dir is writable again; ${this.#o.what} are saved.`);
      this.#problem = null;
    }
  }

  #failed(err: unknown): void {
    this.#failures++;
    const e = err as NodeJS.ErrnoException;
    const code = e?.code ?? 'error';
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const dir = this.#o.dir;
    const reason =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `state_dir ${dir} is not writable by uid ${uid ?? '?'} (${code}): ${this.#o.what} are not saved`
        : `state_dir ${dir}: ${this.#o.what} cannot be written (${code}: ${e?.message ?? String(err)})`;
    const now = this.#o.clock.now();
    const p = this.#problem;
    if (p === null) {
      this.#problem = { reason, since: now, failuresSinceLog: 0, loggedAt: now };
      this.#o.logger.error(
        { path: this.path, code, uid },
        `${reason}. Until it is, ${this.#o.consequence}. Make the directory writable by this user (for example: chown ${uid ?? '<uid>'} ${dir}); sluice retries every second.`,
      );
      return;
    }
    p.reason = reason;
    p.failuresSinceLog++;
    if (now - p.loggedAt >= FAILING_LOG_MS) {
      this.#o.logger.error({ path: this.path, code, failedWrites: p.failuresSinceLog, failingForMs: now - p.since }, `${reason} (still).`);
      p.loggedAt = now;
      p.failuresSinceLog = 0;
    }
  }
}
