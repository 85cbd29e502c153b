/**
 * A writer that behaves like the kubelet and containerd on a temporary `log_dir`
 * (reference/ecosystem.md §8, kubernetes pkg/kubelet/logs/container_log_manager.go):
 *
 * - `<log_dir>/<ns>_<pod>_<uid>/<container>/<restart>.log`, one CRI record per write:
 *   `<RFC3339Nano, trailing zeros trimmed as Go does> <stdout|stderr> <P|F> <text>\n`; a line
 *   longer than `pieceBytes` is cut into `P` pieces and an `F` piece, and pieces of the two streams
 *   may interleave (`writePieces`).
 * - The "runtime" writes through a file descriptor it keeps open, so after a rotation's rename its
 *   writes land in the renamed file until `reopen()` (as containerd does until the kubelet's
 *   ReopenContainerLog returns).
 * - `rotate()`: delete the oldest rotated files beyond `maxFiles`, gzip every rotated plain file
 *   (so only the newest rotated file stays plain) (`.gz.tmp`, rename to `.gz`, unlink the plain one), rename `N.log` to
 *   `N.log.<YYYYMMDD-HHMMSS>`, then (unless `reopen: false`) reopen a new `N.log`.
 * - Pods come (`pod()`) and go (`removePod()`: the directory is removed); a container restarts
 *   (`restart()`: a new `<N+1>.log`, the old file stays).
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type CriStream = 'stdout' | 'stderr';

let rotationClock = Date.UTC(2026, 11, 2, 5, 0, 0);

/** Go's RFC3339Nano: the fraction's trailing zeros (and a bare dot) are trimmed. */
export function goRfc3339Nano(ms: number, extraNs: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-02T05:23:21.123Z
  const frac = (String(ms % 1000).padStart(3, '0') + String(extraNs).padStart(6, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac === '' ? '' : '.' + frac}Z`;
}

export class ContainerLog {
  #fd: number;
  #ns = 0;
  /** Rotated file names, oldest first (plain or .gz). */
  readonly rotated: string[] = [];

  constructor(
    readonly dir: string,
    readonly restart: number,
    private readonly kubelet: FakeKubelet,
  ) {
    mkdirSync(dir, { recursive: true });
    this.#fd = openSync(this.path, 'a');
  }

  get path(): string {
    return join(this.dir, `${this.restart}.log`);
  }

  #time(): string {
    this.#ns = (this.#ns + 1) % 1_000_000;
    return goRfc3339Nano(Date.now(), this.#ns);
  }

  /** One line, cut into pieces of `pieceBytes` like containerd. */
  write(stream: CriStream, text: string): void {
    const b = Buffer.from(text, 'utf8');
    const max = this.kubelet.pieceBytes;
    const t = this.#time();
    let out = '';
    for (let i = 0; i < b.length || i === 0; i += max) {
      const piece = b.subarray(i, Math.min(b.length, i + max));
      const last = i + max >= b.length;
      out += `${t} ${stream} ${last ? 'F' : 'P'} ${piece.toString('latin1')}\n`;
      if (last) break;
    }
    writeSync(this.#fd, Buffer.from(out, 'latin1'));
  }

  /** Raw records as given (to interleave pieces, or to write a line that is not CRI). */
  writeRaw(text: string): void {
    writeSync(this.#fd, Buffer.from(text, 'utf8'));
  }

  /** A CRI record `<time> <stream> <tag> <text>\n` with this container's clock. */
  record(stream: CriStream, tag: 'P' | 'F', text: string): string {
    return `${this.#time()} ${stream} ${tag} ${text}\n`;
  }

  rotate(opts: { reopen?: boolean } = {}): string {
    const k = this.kubelet;
    // Oldest beyond the limit go first (the live file counts as one).
    while (this.rotated.length > k.maxFiles - 2) {
      const old = this.rotated.shift()!;
      rmSync(join(this.dir, old), { force: true });
    }
    // Compress every rotated plain file (the live file is renamed after this, so the newest rotated
    // file stays plain until the next rotation).
    for (let i = 0; i < this.rotated.length; i++) {
      const name = this.rotated[i]!;
      if (name.endsWith('.gz')) continue;
      const src = join(this.dir, name);
      const tmp = `${src}.gz.tmp`;
      writeFileSync(tmp, gzipSync(readFileSync(src)));
      renameSync(tmp, `${src}.gz`);
      unlinkSync(src);
      this.rotated[i] = `${name}.gz`;
    }
    rotationClock += 1000;
    const d = new Date(rotationClock).toISOString();
    const suffix = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}`;
    const name = `${this.restart}.log.${suffix}`;
    renameSync(this.path, join(this.dir, name));
    this.rotated.push(name);
    if (opts.reopen !== false) this.reopen();
    return name;
  }

  /** The runtime opens a new `N.log` (ReopenContainerLog). */
  reopen(): void {
    closeSync(this.#fd);
    this.#fd = openSync(this.path, 'a');
  }

  /** The container exits and restarts: a new run `<N+1>.log`; this one is closed. */
  restartContainer(): ContainerLog {
    this.close();
    return new ContainerLog(this.dir, this.restart + 1, this.kubelet);
  }

  close(): void {
    try {
      closeSync(this.#fd);
    } catch {
      // closed already
    }
  }

  files(): string[] {
    return readdirSync(this.dir).sort();
  }
}

export class PodLogs {
  readonly uid = randomUUID();
  readonly containers = new Map<string, ContainerLog>();
  constructor(
    readonly kubelet: FakeKubelet,
    readonly namespace: string,
    readonly name: string,
  ) {
    mkdirSync(this.dir, { recursive: true });
  }

  get dirName(): string {
    return `${this.namespace}_${this.name}_${this.uid}`;
  }

  get dir(): string {
    return join(this.kubelet.logDir, this.dirName);
  }

  container(name: string): ContainerLog {
    let c = this.containers.get(name);
    if (!c) {
      c = new ContainerLog(join(this.dir, name), 0, this.kubelet);
      this.containers.set(name, c);
    }
    return c;
  }
}

export class FakeKubelet {
  readonly pods: PodLogs[] = [];
  /** containerLogMaxFiles (default 5). */
  maxFiles = 5;
  /** containerd's piece size (16 KiB by default). */
  pieceBytes = 16 * 1024;

  constructor(readonly logDir: string) {
    mkdirSync(logDir, { recursive: true });
  }

  pod(namespace: string, name: string): PodLogs {
    const p = new PodLogs(this, namespace, name);
    this.pods.push(p);
    return p;
  }

  removePod(p: PodLogs): void {
    for (const c of p.containers.values()) c.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
}
