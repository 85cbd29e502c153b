/**
 * Finding container runs under `log_dir`: a scan lists `<ns>_<pod>_<uid>/<container>/<N>.log*`, and
 * a directory watch (chokidar, directories only, two levels) says when to scan again, so a new pod
 * or container is picked up at once; the source also scans on a timer, the fallback for a watch
 * that fails or misses an event (as the config reloader does). Files are not watched here: each
 * follower watches its own container directory.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { parseLogFileName, parsePodDir, type PodDir } from './path.js';

export interface RunRef {
  readonly podDirName: string;
  readonly pod: PodDir;
  readonly container: string;
  readonly restart: number;
  /** The container directory. */
  readonly dir: string;
}

export interface Scan {
  readonly runs: RunRef[];
  /** Pod directory names present. */
  readonly pods: Set<string>;
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** One pass over `log_dir`. Directories that vanish meanwhile are skipped, never an error. */
export async function scanLogDir(logDir: string): Promise<Scan> {
  const runs: RunRef[] = [];
  const pods = new Set<string>();
  for (const podDirName of await list(logDir)) {
    const pod = parsePodDir(podDirName);
    if (pod === null) continue;
    pods.add(podDirName);
    const podPath = join(logDir, podDirName);
    for (const container of await list(podPath)) {
      const dir = join(podPath, container);
      const restarts = new Set<number>();
      for (const f of await list(dir)) {
        const p = parseLogFileName(f);
        if (p !== null) restarts.add(p.restart);
      }
      for (const restart of restarts) runs.push({ podDirName, pod, container, restart, dir });
    }
  }
  return { runs, pods };
}

export interface LogDirWatch {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Calls `changed` when a pod or container directory appears or goes (and when the watch fails). */
export function watchLogDir(logDir: string, changed: () => void, failed: (err: Error) => void): LogDirWatch {
  const depthOf = (p: string) => relative(logDir, p).split(sep).length;
  const w = chokidarWatch(logDir, {
    depth: 1,
    ignoreInitial: true,
    // Directories only: a file watch would stat on every write of every container.
    ignored: (p, st) => (st !== undefined && !st.isDirectory()) || (p !== logDir && depthOf(p) > 2),
  });
  const ready = new Promise<void>((res) => {
    w.once('ready', () => res());
    w.once('error', () => res());
  });
  w.on('addDir', changed);
  w.on('unlinkDir', changed);
  w.on('error', (err) => failed(err instanceof Error ? err : new Error(String(err))));
  let closed: Promise<void> | undefined;
  return { ready, close: () => (closed ??= w.close()) };
}
