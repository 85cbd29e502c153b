/**
 * Where each container run's pod log files were read to, acknowledged: `<state_dir>/files.json`.
 *
 *   { "version": 1,
 *     "runs": { "<ns>_<pod>_<uid>/<container>/<restart>": {
 *        "file": { "dev": 2049, "ino": 1234, "fp": "<sha256 hex>", "fpLen": 256,
 *                  "firstTime": "2026-…Z", "name": "0.log" },
 *        "offset": 10423, "updatedAt": 1700000000000, "removedAt": 1700000000000 } } }
 *
 * A file is known by device + inode while it stays plain, and by `fp` (sha256 of its first `fpLen`
 * bytes, uncompressed) across a compression and when an inode number is reused after a deletion
 * (reference/ecosystem.md §8). `firstTime` (its first record's time) orders it among the run's
 * other files when it is gone. Writes are coalesced and atomic (util/atomic-file.ts), like the
 * Docker source's checkpoints.json; a file that cannot be parsed is moved aside and sluice starts
 * without it (files are then read from their start: repeats, never losses).
 */
import type { Logger } from '../telemetry/logger.js';
import type { Clock } from '../util/clock.js';
import { CoalescedFile } from '../util/coalesced-file.js';

export const FILES_CHECKPOINT = 'files.json';
const VERSION = 1;
const DAY = 24 * 60 * 60 * 1000;

export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly fp: string;
  readonly fpLen: number;
  readonly firstTime?: string;
  readonly name: string;
}

export interface RunCheckpoint {
  readonly file: FileIdentity;
  readonly offset: number;
  updatedAt: number;
  removedAt?: number;
}

/** Computes a run's position when a write is due (a file identity needs its fingerprint: async). */
export type PositionSource = () => Promise<{ file: FileIdentity; offset: number } | undefined>;

export class FileCheckpointStore {
  readonly #clock: Clock;
  readonly #file: CoalescedFile | null;
  readonly #runs = new Map<string, RunCheckpoint>();
  readonly #pending = new Map<string, PositionSource>();

  constructor(opts: { dir: string | null; clock: Clock; logger: Logger; intervalMs?: number }) {
    this.#clock = opts.clock;
    this.#file =
      opts.dir === null
        ? null
        : new CoalescedFile({
            dir: opts.dir,
            name: FILES_CHECKPOINT,
            clock: opts.clock,
            logger: opts.logger,
            intervalMs: opts.intervalMs ?? 50,
            render: () => this.#render(),
            what: 'pod log checkpoints',
            consequence: 'a restart reads pod log files from their last saved positions (lines may be repeated)',
          });
  }

  /** Reads the file (once, at start). A corrupt file is moved aside: pod log files are then read from their start (repeats, never losses). */
  async load(): Promise<void> {
    const loaded = await this.#file?.read((text) => {
      const parsed = parse(text);
      return typeof parsed === 'string' ? { ok: false, error: parsed } : { ok: true, value: parsed };
    });
    if (loaded) for (const [k, v] of loaded) this.#runs.set(k, v);
  }

  /** As loaded or last written (positions not yet computed are not included). */
  get(key: string): RunCheckpoint | undefined {
    return this.#runs.get(key);
  }

  /** Newest `updatedAt` of any run: when sluice last saved progress (0: never). */
  get lastUpdatedAt(): number {
    let t = 0;
    for (const e of this.#runs.values()) t = Math.max(t, e.updatedAt);
    return t;
  }

  get size(): number {
    return this.#runs.size;
  }

  /** The run's position, computed only when about to be written (acks advance far more often). */
  updateLazy(key: string, source: PositionSource): void {
    if (this.#file === null) return;
    this.#pending.set(key, source);
    this.#file.markDirty();
  }

  /** The run's files are gone: its entry is kept a day (a late rescan must not re-read), then dropped. */
  forget(key: string): void {
    const e = this.#runs.get(key);
    if (e === undefined || e.removedAt !== undefined) return;
    e.removedAt = this.#clock.now();
    this.#file?.markDirty();
  }

  async flush(): Promise<void> {
    await this.#file?.flush();
  }

  async #render(): Promise<string> {
    const now = this.#clock.now();
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [k, src] of pending) {
      const p = await src().catch(() => undefined);
      if (p === undefined) continue;
      const removedAt = this.#runs.get(k)?.removedAt;
      this.#runs.set(k, { file: p.file, offset: p.offset, updatedAt: now, ...(removedAt !== undefined ? { removedAt } : {}) });
    }
    for (const [k, e] of this.#runs) if (e.removedAt !== undefined && now - e.removedAt >= DAY) this.#runs.delete(k);
    const runs: Record<string, RunCheckpoint> = {};
    for (const [k, e] of this.#runs) runs[k] = e;
    return `${JSON.stringify({ version: VERSION, runs })}\n`;
  }
}

function parse(text: string): Map<string, RunCheckpoint> | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  const d = doc as { version?: unknown; runs?: unknown };
  if (typeof d !== 'object' || d === null || d.version !== VERSION) return 'unsupported version';
  if (typeof d.runs !== 'object' || d.runs === null) return '"runs" is not an object';
  const out = new Map<string, RunCheckpoint>();
  for (const [k, raw] of Object.entries(d.runs as Record<string, unknown>)) {
    const r = raw as Partial<RunCheckpoint>;
    const f = r?.file as Partial<FileIdentity> | undefined;
    const ok =
      typeof r === 'object' && r !== null && Number.isSafeInteger(r.offset) && (r.offset as number) >= 0 && typeof r.updatedAt === 'number' &&
      typeof f === 'object' && f !== null && Number.isSafeInteger(f.dev) && Number.isSafeInteger(f.ino) && typeof f.fp === 'string' &&
      Number.isSafeInteger(f.fpLen) && typeof f.name === 'string' && (f.firstTime === undefined || typeof f.firstTime === 'string');
    if (!ok) return `runs[${JSON.stringify(k)}] is not a checkpoint`;
    out.set(k, r as RunCheckpoint);
  }
  return out;
}
