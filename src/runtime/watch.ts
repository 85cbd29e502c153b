import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { fsReason } from '../config/context.js';
import { Digest } from '../util/digest.js';

/**
 * Noticing that the config files changed: a directory watch says "something happened" (the seam
 * between the reloader and chokidar, so the reloader's timing is tested with a fake), and a content
 * probe says whether it matters.
 *
 * Why directories, not files: a Kubernetes ConfigMap or Secret volume replaces the file's inode by
 * renaming a `..data` symlink, editors rename a temp file into place, and a file may be deleted and
 * re-created; a per-inode watch can miss any of these, a directory watch sees them all. Entries
 * whose name starts with `..` (the kubelet's `..data`, `..data_tmp`, `..<timestamp>`) are ignored:
 * the swap still shows as a `change` of the visible name, which is a symlink into `..data`.
 */
export type WatchEvent = 'add' | 'change' | 'unlink';

export interface WatchHandlers {
  /** Something happened to `path` (absolute), one of the watched directories' direct entries. */
  event(kind: WatchEvent, path: string): void;
  /** The watcher failed (inotify limits, a directory gone): the caller closes and re-creates it. */
  error(err: Error): void;
}

export interface DirWatch {
  /** Resolves once the initial scan is done: changes after this are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export type WatchFactory = (dirs: readonly string[], handlers: WatchHandlers) => DirWatch;

const hidden = (p: string): boolean => basename(p).startsWith('..');

/** The real watcher: chokidar 5 on each directory, depth 0, no initial events, `..*` ignored. */
export const watchDirs: WatchFactory = (dirs, handlers) => {
  const w = chokidarWatch([...dirs], { depth: 0, ignoreInitial: true, ignored: hidden });
  // An error before the initial scan ends must not leave the caller waiting for 'ready'.
  const ready = new Promise<void>((res) => {
    w.once('ready', () => res());
    w.once('error', () => res());
  });
  w.on('add', (p) => handlers.event('add', resolve(p)));
  w.on('change', (p) => handlers.event('change', resolve(p)));
  w.on('unlink', (p) => handlers.event('unlink', resolve(p)));
  w.on('error', (err) => handlers.error(err instanceof Error ? err : new Error(String(err))));
  let closed: Promise<void> | undefined;
  return {
    ready,
    close: () => (closed ??= w.close()),
  };
};

export type Probe =
  | { readonly kind: 'ok'; readonly text: string; readonly textHash: string; readonly hash: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * The cheap part of a check: the file's bytes and a digest (util/digest.ts) over them plus the running config's
 * `${file:}` files. Equal to the last applied probe = nothing changed, no need to parse. A secret
 * file that cannot be read hashes as its error, so its return changes the probe too.
 */
export async function readProbe(file: string, secretFiles: readonly string[]): Promise<Probe> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    // ENOENT also covers the instant a symlink chain dangles; the next event or poll sees the file.
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: fsReason(err) };
  }
  const textHash = new Digest().update(bytes).hex();
  const h = new Digest().update(textHash);
  for (const f of secretFiles) {
    h.update('\0' + f + '\0');
    try {
      h.update(await readFile(f));
    } catch (err) {
      h.update('\0error:' + String((err as NodeJS.ErrnoException).code));
    }
  }
  return { kind: 'ok', text: bytes.toString('utf8'), textHash, hash: h.hex() };
}

/**
 * True when `file` is itself a mount point (a Docker single-file bind mount, a Kubernetes `subPath`):
 * such a file is a bind of one inode and never sees an update made by replacing the file, which is
 * how editors and the kubelet write. Reads /proc/self/mountinfo; false where there is none.
 */
export async function isFileMount(file: string, readText: (p: string) => Promise<string> = (p) => readFile(p, 'utf8')): Promise<boolean> {
  let info: string;
  try {
    info = await readText('/proc/self/mountinfo');
  } catch {
    return false;
  }
  // Field 5 is the mount point, with space, tab, newline and backslash escaped as octal.
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return info.split('\n').some((line) => unescape(line.split(' ')[4] ?? '') === file);
}
