/**
 * Reload as a diff (after Vector's config diff): routes are compared by name and fingerprint.
 * Unchanged routes are reported as the PREVIOUS objects, so the runtime keeps them running as they are.
 */
import type { ResolvedConfig, RouteConfig } from './types.js';
import { canonicalJson } from './fingerprint.js';

export interface ConfigDiff {
  readonly added: RouteConfig[];
  readonly removed: RouteConfig[];
  readonly changed: { prev: RouteConfig; next: RouteConfig }[];
  /** The prev objects. */
  readonly unchanged: RouteConfig[];
  /** Top-level keys whose resolved value differs: hostname, tags, log_level, docker, source, kubernetes, containers, api, shutdown_timeout, reload. */
  readonly globalChanged: string[];
  /** Changes that take effect only after a restart, as sentences. */
  readonly restartRequired: string[];
}

/** Top-level config key → how to read it from a ResolvedConfig. */
const GLOBALS: [string, (c: ResolvedConfig) => unknown][] = [
  ['hostname', (c) => c.hostname],
  ['tags', (c) => c.tags],
  ['log_level', (c) => c.logLevel],
  ['docker', (c) => c.docker],
  ['source', (c) => c.source],
  ['kubernetes', (c) => c.kubernetes],
  ['containers', (c) => c.containers],
  ['api', (c) => c.api],
  ['shutdown_timeout', (c) => c.shutdownTimeoutMs],
  ['reload', (c) => c.reload],
];

export function diffConfigs(prev: ResolvedConfig, next: ResolvedConfig): ConfigDiff {
  const before = new Map(prev.routes.map((r) => [r.name, r]));
  const after = new Map(next.routes.map((r) => [r.name, r]));
  const diff: ConfigDiff = { added: [], removed: [], changed: [], unchanged: [], globalChanged: [], restartRequired: [] };
  for (const r of prev.routes) {
    const n = after.get(r.name);
    if (!n) diff.removed.push(r);
    else if (n.fingerprint === r.fingerprint) diff.unchanged.push(r);
    else diff.changed.push({ prev: r, next: n });
  }
  for (const r of next.routes) if (!before.has(r.name)) diff.added.push(r);
  for (const [key, get] of GLOBALS) if (canonicalJson(get(prev)) !== canonicalJson(get(next))) diff.globalChanged.push(key);
  // Checkpoints are read once at start; moving them under a running agent would split the state.
  if (prev.stateDir !== next.stateDir) diff.restartRequired.push('state_dir: changing it needs a restart');
  // The source is chosen and built once at start (its directory, API client and positions).
  if (diff.globalChanged.includes('source')) diff.restartRequired.push('source: changing it needs a restart');
  if (diff.globalChanged.includes('kubernetes')) diff.restartRequired.push('kubernetes: changing the pod log source\'s settings needs a restart');
  return diff;
}

/** True when applying `d` changes nothing. */
export function isEmptyDiff(d: ConfigDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length && !d.globalChanged.length && !d.restartRequired.length;
}
