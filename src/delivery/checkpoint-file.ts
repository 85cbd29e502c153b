import type { Checkpoint } from './acks.js';
import { parseDockerTime } from './time.js';

/**
 * The format of `checkpoints.json` (version 1):
 *
 *   { "version": 1,
 *     "containers": { "<64-hex id>": { "name": "web-1", "updatedAt": 1700000000000,
 *                                      "stdout": { "time": "2026-…Z", "count": 2 },
 *                                      "stderr": { … }, "removedAt": 1700000000000 } } }
 *
 * `time` is Docker's RFC3339Nano text as read (never a JS number: it would lose the nanoseconds).
 */
export const CHECKPOINT_FILE_VERSION = 1;

export interface StoredEntry {
  stdout?: Checkpoint;
  stderr?: Checkpoint;
  name?: string;
  /** ms since the epoch (the store's clock) of the last update. */
  updatedAt: number;
  /** When the container was destroyed; the entry is dropped some time after. */
  removedAt?: number;
}

export type ParsedFile = { ok: true; entries: Map<string, StoredEntry> } | { ok: false; error: string };

export function serializeCheckpointFile(entries: ReadonlyMap<string, StoredEntry>): string {
  const containers: Record<string, StoredEntry> = {};
  for (const [id, e] of entries) containers[id] = e;
  return `${JSON.stringify({ version: CHECKPOINT_FILE_VERSION, containers }, null, 1)}\n`;
}

/** Strict: anything unexpected makes the whole file corrupt (a half-trusted checkpoint could skip lines). */
export function parseCheckpointFile(text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
  if (!isObject(doc)) return { ok: false, error: 'not an object' };
  if (doc.version !== CHECKPOINT_FILE_VERSION) return { ok: false, error: `unsupported version ${JSON.stringify(doc.version)}` };
  if (!isObject(doc.containers)) return { ok: false, error: '"containers" is not an object' };
  const entries = new Map<string, StoredEntry>();
  for (const [id, raw] of Object.entries(doc.containers)) {
    if (!isObject(raw)) return { ok: false, error: `containers.${id} is not an object` };
    if (typeof raw.updatedAt !== 'number' || !Number.isFinite(raw.updatedAt)) return { ok: false, error: `containers.${id}.updatedAt is not a number` };
    const e: StoredEntry = { updatedAt: raw.updatedAt };
    for (const stream of ['stdout', 'stderr'] as const) {
      const v = raw[stream];
      if (v === undefined) continue;
      const cp = checkpoint(v);
      if (cp === undefined) return { ok: false, error: `containers.${id}.${stream} is not a checkpoint` };
      e[stream] = cp;
    }
    if (raw.name !== undefined) {
      if (typeof raw.name !== 'string') return { ok: false, error: `containers.${id}.name is not a string` };
      e.name = raw.name;
    }
    if (raw.removedAt !== undefined) {
      if (typeof raw.removedAt !== 'number') return { ok: false, error: `containers.${id}.removedAt is not a number` };
      e.removedAt = raw.removedAt;
    }
    entries.set(id, e);
  }
  return { ok: true, entries };
}

function checkpoint(v: unknown): Checkpoint | undefined {
  if (!isObject(v) || typeof v.time !== 'string' || !Number.isSafeInteger(v.count) || (v.count as number) < 0) return undefined;
  try {
    parseDockerTime(v.time);
  } catch {
    return undefined;
  }
  return { time: v.time, count: v.count as number };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
