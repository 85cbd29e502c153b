import type { RouteConfig } from '../config/types.js';
import type { ContainerInfo, Stream } from '../core/record.js';
import { containerFailure, isEmptyMatch, sourceAllows } from './match.js';

/** The label that restricts a container to some routes (`sluice.routes=a,b`). */
export const ROUTES_LABEL = 'sluice.routes';

/**
 * Whether one route takes a container's records, per stream, and if it takes none the first
 * condition that failed. This is the single definition of "a route matches" that both the RouteTable
 * (memoised per container) and `sluice explain` use, so they cannot disagree.
 */
export interface RouteVerdict {
  readonly route: string;
  readonly stdout: boolean;
  readonly stderr: boolean;
  /** Why the route takes nothing from this container (null when it takes at least one stream). */
  readonly failure: string | null;
  /** Why the route takes only one stream, when it does. */
  readonly note: string | null;
}

/**
 * `sluice.routes=a, b` → the set {a, b}, or null when the label is absent or names nothing
 * (an empty value restricts nothing: opting out is `sluice.enable=false`).
 */
export function routesFromLabel(info: ContainerInfo): ReadonlySet<string> | null {
  const v = info.labels[ROUTES_LABEL];
  if (!v) return null;
  const names = v
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  return names.length ? new Set(names) : null;
}

const STREAMS: readonly Stream[] = ['stdout', 'stderr'];

export function routeVerdict(route: RouteConfig, info: ContainerInfo, allowed: ReadonlySet<string> | null): RouteVerdict {
  const name = route.name;
  if (allowed && !allowed.has(name)) {
    return { route: name, stdout: false, stderr: false, failure: `label ${ROUTES_LABEL}=${info.labels[ROUTES_LABEL]} does not name this route`, note: null };
  }
  const take = { stdout: true, stderr: true };
  if (route.match) {
    const f = containerFailure(route.match, info, 'match');
    if (f) return { route: name, stdout: false, stderr: false, failure: f, note: null };
    for (const s of STREAMS) take[s] = sourceAllows(route.match, s);
    if (!take.stdout && !take.stderr) return { route: name, stdout: false, stderr: false, failure: 'match.source: lists no stream', note: null };
  }
  let excludedBy: string | null = null;
  // An empty `exclude: {}` excludes nothing; an exclude with only `source` excludes those streams.
  if (route.exclude && !isEmptyMatch(route.exclude) && containerFailure(route.exclude, info, 'exclude') === null) {
    for (const s of STREAMS) {
      if (take[s] && sourceAllows(route.exclude, s)) {
        take[s] = false;
        excludedBy = `exclude: the container meets every exclude condition (${describe(route.exclude)})`;
      }
    }
  }
  if (!take.stdout && !take.stderr) return { route: name, stdout: false, stderr: false, failure: excludedBy ?? 'no stream left', note: null };
  let note: string | null = null;
  if (!take.stdout || !take.stderr) {
    const only = take.stdout ? 'stdout' : 'stderr';
    note = excludedBy ? `${only} only; ${excludedBy}` : `${only} only (match.source)`;
  }
  return { route: name, stdout: take.stdout, stderr: take.stderr, failure: null, note };
}

function describe(m: NonNullable<RouteConfig['exclude']>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined) continue;
    if (k === 'labels') {
      for (const [lk, lp] of Object.entries(v as Record<string, { source: string }>)) parts.push(`labels.${lk}=${JSON.stringify(lp.source)}`);
    } else if (Array.isArray(v)) {
      parts.push(`${k} in [${v.map((x: unknown) => JSON.stringify(typeof x === 'string' ? x : (x as { source: string }).source)).join(', ')}]`);
    }
  }
  return parts.join(', ');
}
