/**
 * logspout's container and stream selection, written out from its Go sources (router/types.go
 * MatchContainer/MatchMessage, router/pump.go ignoreContainer, the Mezmo image's FILTER_* route) as
 * the oracle the migration is checked against. Independent of src/migrate: its own path.Match.
 */
import type { ContainerInfo, Stream } from '../../src/core/record.js';

/** Go's path.Match; null for a malformed pattern (Go's ErrBadPattern: logspout then never matches). */
export function pathMatch(pattern: string, name: string): boolean | null {
  // Validate the whole pattern first, as Go does since 1.16.
  const p = [...pattern];
  const s = [...name];
  const classAt = (i: number): { end: number; test: (c: string) => boolean } | null => {
    let j = i + 1;
    let neg = false;
    if (p[j] === '^') {
      neg = true;
      j++;
    }
    const ranges: [string, string][] = [];
    let first = true;
    for (;;) {
      if (j >= p.length) return null;
      if (p[j] === ']' && !first) break;
      first = false;
      let lo = p[j]!;
      if (lo === '\\') lo = p[++j] ?? '';
      else if (lo === '-' || lo === ']') return null;
      if (lo === '') return null;
      j++;
      let hi = lo;
      if (p[j] === '-') {
        hi = p[++j] ?? '';
        if (hi === '\\') hi = p[++j] ?? '';
        else if (hi === ']' || hi === '-') return null;
        if (hi === '') return null;
        j++;
        if (hi < lo) return null;
      }
      ranges.push([lo, hi]);
    }
    return { end: j, test: (c) => ranges.some(([a, b]) => a <= c && c <= b) !== neg };
  };
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      if (++i >= p.length) return null;
    } else if (p[i] === '[') {
      const c = classAt(i);
      if (!c) return null;
      i = c.end;
    }
  }
  const m = (pi: number, si: number): boolean => {
    if (pi === p.length) return si === s.length;
    const c = p[pi]!;
    if (c === '*') {
      for (let k = si; k <= s.length; k++) {
        if (m(pi + 1, k)) return true;
        if (k < s.length && s[k] === '/') return false;
      }
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') return s[si] !== '/' && m(pi + 1, si + 1);
    if (c === '[') {
      const cl = classAt(pi)!;
      return cl.test(s[si]!) && m(cl.end + 1, si + 1);
    }
    const lit = c === '\\' ? p[pi + 1]! : c;
    return s[si] === lit && m(pi + (c === '\\' ? 2 : 1), si + 1);
  };
  return m(0, 0);
}

export interface OracleRoute {
  /** What the route delivers to: `syslog tcp://host:514`, `raw udp://…`, `mezmo`. */
  readonly dest: string;
  readonly id: string;
  readonly name: string;
  readonly sources: readonly string[];
  readonly labels: readonly string[];
}

/** logspout's Route.MatchContainer with the 12-character id, and MatchMessage's source check. */
export function routeTakes(r: OracleRoute, c: ContainerInfo, s: Stream): boolean {
  const matchAll = r.id === '' && r.name === '' && r.sources.length === 0 && r.labels.length === 0;
  if (matchAll) return true;
  if (r.id !== '' && !c.id.slice(0, 12).startsWith(r.id)) return false;
  const nm = pathMatch(r.name, c.name);
  if (nm === null || (r.name !== '' && !nm)) return false;
  for (const l of r.labels) {
    const i = l.indexOf(':');
    if (i < 0) continue;
    const v = l.slice(i + 1);
    const lm = pathMatch(v, c.labels[l.slice(0, i)] ?? '');
    if (lm === null || (v !== '' && !lm)) return false;
  }
  return r.sources.length === 0 || r.sources.includes(s);
}

/** router/pump.go ignoreContainer, including its loop that keeps the previous key on a bad entry. */
export function ignored(env: Record<string, string | undefined>, c: ContainerInfo): boolean {
  if (c.logspoutIgnore) return true;
  let excludeLabel = env.EXCLUDE_LABELS || env.EXCLUDE_LABEL || '';
  let excludeValue = 'true';
  for (const label of excludeLabel.split(';')) {
    const parts = label.split(':');
    if (parts.length === 2) [excludeLabel, excludeValue] = [parts[0]!, parts[1]!];
    const value = c.labels[excludeLabel];
    if (value !== undefined && excludeLabel.length > 0 && value.toLowerCase() === excludeValue.toLowerCase()) return true;
  }
  return false;
}

const expand = (s: string, env: Record<string, string | undefined>) => s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => env[n] ?? '');

/** The routes of a logspout setup whose adapters exist in sluice (syslog, raw; Mezmo's image). */
export function oracleRoutes(uris: string | undefined, env: Record<string, string | undefined>): OracleRoute[] {
  const out: OracleRoute[] = [];
  const list = uris ?? env.ROUTE_URIS ?? '';
  for (const raw of list.split(',')) {
    if (raw.trim() === '') continue;
    const u = new URL(expand(raw.trim(), env));
    const scheme = u.protocol.slice(0, -1).split('+').filter((p) => p !== 'multiline');
    let [adapter, transport = 'udp'] = scheme;
    if (scheme.length === 1 && ['udp', 'tcp', 'tls'].includes(adapter!)) [adapter, transport] = ['raw', adapter!];
    if (adapter !== 'syslog' && adapter !== 'raw') continue;
    const q = u.searchParams;
    out.push({
      dest: `${adapter} ${transport}://${u.host}`,
      id: q.get('filter.id') ?? '',
      name: q.get('filter.name') ?? '',
      sources: q.has('filter.sources') ? q.get('filter.sources')!.split(',') : [],
      labels: q.has('filter.labels') ? q.get('filter.labels')!.split(',') : [],
    });
  }
  if (env.LOGDNA_KEY) {
    out.push({
      dest: 'mezmo',
      id: env.FILTER_ID ?? '',
      name: env.FILTER_NAME ?? '',
      sources: env.FILTER_SOURCES ? env.FILTER_SOURCES.split(',') : [],
      labels: env.FILTER_LABELS ? env.FILTER_LABELS.split(',') : [],
    });
  }
  return out;
}

/** Sorted `dest|stream` pairs logspout would deliver for this container. */
export function logspoutDelivers(routes: readonly OracleRoute[], env: Record<string, string | undefined>, c: ContainerInfo): string[] {
  if (ignored(env, c)) return [];
  const out: string[] = [];
  for (const r of routes) for (const s of ['stdout', 'stderr'] as const) if (routeTakes(r, c, s)) out.push(`${r.dest}|${s}`);
  return out.sort();
}
