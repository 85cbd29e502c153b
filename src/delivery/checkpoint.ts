import type { Logger } from '../telemetry/logger.js';
import type { Clock } from '../util/clock.js';
import { CoalescedFile } from '../util/coalesced-file.js';
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

/**
 * Every container's checkpoints, in one JSON file `<state_dir>/checkpoints.json`.
 *
 * Writes are coalesced: an update schedules a write soon after (so the window a crash can lose stays
 * small) but never more than once per `intervalMs`; each is atomic and durable, and an unwritable
 * `state_dir` is reported plainly (util/coalesced-file.ts). A file that cannot be read as a
 * checkpoint file is moved aside and sluice starts empty: the checkpoints speed up a restart and
 * avoid duplicates, they must never stop one.
 */
export class CheckpointStore {
  readonly #clock: Clock;
  readonly #retainRemoved: number;
  readonly #file: CoalescedFile | null;
  readonly #entries = new Map<string, StoredEntry>();
  readonly #pending = new Map<string, { source: () => StreamCheckpoints; name: string | undefined; at: number }>();

  constructor(opts: CheckpointStoreOptions) {
    this.#clock = opts.clock;
    this.#retainRemoved = opts.retainRemovedMs ?? DAY;
    this.#file =
      opts.dir === null
        ? null
        : new CoalescedFile({
            dir: opts.dir,
            name: FILE,
            clock: opts.clock,
            logger: opts.logger.child({ component: 'checkpoints' }),
            intervalMs: opts.intervalMs ?? 1000,
            render: () => this.#render(),
            what: 'checkpoints',
            consequence: 'a restart starts each container from `backfill` (lines may be lost or repeated)',
          });
  }

  get path(): string | null {
    return this.#file?.path ?? null;
  }

  /** Completed writes (for tests and /status). */
  get writes(): number {
    return this.#file?.writes ?? 0;
  }

  /** Failed writes (and failed write checks at start) since the process started. */
  get failures(): number {
    return this.#file?.failures ?? 0;
  }

  /** Why `state_dir` cannot be written right now, or null when the last write (or check) worked. */
  get problem(): string | null {
    return this.#file?.problem ?? null;
  }

  /** Reads the file (once, at start). Never throws for a missing or corrupt file. */
  async load(): Promise<Map<string, StoredEntry>> {
    if (this.#file !== null) {
      const loaded = await this.#file.read((text) => {
        const parsed = parseCheckpointFile(text);
        return parsed.ok ? { ok: true, value: parsed.entries } : parsed;
      });
      if (loaded) for (const [id, e] of loaded) this.#entries.set(id, e);
      await this.#file.checkWritable();
    }
    return new Map([...this.#entries].map(([id, e]) => [id, { ...e }]));
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
    if (this.#file === null) return;
    this.#pending.set(containerId, { source, name, at: this.#clock.now() });
    this.#file.markDirty();
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
    this.#file?.markDirty();
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
    this.#file?.markDirty();
  }

  /** Writes now if anything changed (shutdown), after any write in progress. */
  async flush(): Promise<void> {
    await this.#file?.flush();
  }

  /** Resolves when no write is in progress (tests). */
  async idle(): Promise<void> {
    await this.#file?.idle();
  }

  #render(): string {
    const now = this.#clock.now();
    for (const [id, e] of this.#entries) if (e.removedAt !== undefined && now - e.removedAt >= this.#retainRemoved) this.#entries.delete(id);
    this.#materialize();
    return serializeCheckpointFile(this.#entries);
  }
}
