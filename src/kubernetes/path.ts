/**
 * Pod log paths → metadata. The kubelet lays pod logs out as
 * `<log_dir>/<namespace>_<pod>_<pod-uid>/<container>/<restart>.log`, rotated files as
 * `<restart>.log.<YYYYMMDD-HHMMSS>` and compressed ones as `….gz` (reference/ecosystem.md §8).
 * Namespace and pod names are DNS labels/subdomains and a uid is hex and dashes: none holds `_`,
 * so a pod directory name splits into exactly three parts.
 */
import type { ContainerInfo } from '../core/record.js';

export interface PodDir {
  readonly namespace: string;
  readonly pod: string;
  readonly uid: string;
}

export interface LogFileName {
  readonly restart: number;
  /** The rotation suffix `YYYYMMDD-HHMMSS`, absent on the live file. */
  readonly rotated?: string;
  readonly gz: boolean;
}

/** What the API says about a pod (kubernetes/pods.ts). */
export interface PodMeta {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Container name → image. */
  readonly images: Readonly<Record<string, string>>;
}

/** Pod annotations that act as the Docker labels of the same name (routing reads labels). */
export const SLUICE_ANNOTATIONS = ['sluice.enable', 'sluice.routes', 'sluice.tags', 'sluice.multiline.start'] as const;

export function parsePodDir(name: string): PodDir | null {
  const parts = name.split('_');
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  return { namespace: parts[0]!, pod: parts[1]!, uid: parts[2]! };
}

const LOG_FILE = /^(\d{1,9})\.log(?:\.(\d{8}-\d{6}))?(\.gz)?$/;

/** `0.log`, `0.log.20261202-052321`, `0.log.20261202-052321.gz`; null for anything else (`.gz.tmp`). */
export function parseLogFileName(name: string): LogFileName | null {
  const m = LOG_FILE.exec(name);
  if (!m) return null;
  if (m[3] !== undefined && m[2] === undefined) return null;
  return { restart: Number(m[1]), ...(m[2] !== undefined ? { rotated: m[2] } : {}), gz: m[3] !== undefined };
}

/** The key of one container run: `<pod dir>/<container>/<restart>` (checkpoints, ContainerInfo.id). */
export function runKey(podDir: string, container: string, restart: number): string {
  return `${podDir}/${container}/${restart}`;
}

/**
 * The metadata records carry. Pod labels become the container's labels (so `match.labels` matches
 * them); the sluice annotations override labels of the same name, so routing reads them as it reads
 * Docker labels. Without API metadata the labels are empty and the image unknown.
 */
export function podContainerInfo(dir: PodDir, podDirName: string, container: string, restart: number, meta?: PodMeta): ContainerInfo {
  const labels: Record<string, string> = { ...(meta?.labels ?? {}) };
  if (meta) for (const a of SLUICE_ANNOTATIONS) if (meta.annotations[a] !== undefined) labels[a] = meta.annotations[a]!;
  return Object.freeze({
    id: runKey(podDirName, container, restart),
    name: container,
    image: meta?.images[container] ?? '',
    labels: Object.freeze(labels),
    hostname: dir.pod,
    tty: false,
    logDriver: 'cri',
    logspoutIgnore: false,
    k8s: Object.freeze({ namespace: dir.namespace, pod: dir.pod, container, pod_uid: dir.uid, restart }),
  });
}
