import type { Pattern } from '../config/types.js';
import type { LogRecord, Stream } from '../core/record.js';
import { compilePattern } from '../util/pattern.js';
import type { AgentView } from './view.js';

/**
 * The /logs query: `name=` (glob or /regex/, repeatable: any), `id=` (id prefix, repeatable: any),
 * `label=k` (present) or `label=k=v` (value glob, repeatable: all), `source=stdout|stderr`, `route=R`
 * (repeatable: any) — lines of the containers and streams route R collects that pass its line filter.
 * No filter = every line read. logspout's path forms `/logs/name:<glob>` and `/logs/id:<id>` are
 * the same as `?name=` and `?id=` (see `logspoutPathFilter`).
 */
export interface LiveFilter {
  readonly names: readonly Pattern[];
  readonly ids: readonly string[];
  readonly labels: readonly (readonly [string, Pattern])[];
  readonly sources: readonly Stream[];
  readonly routes: readonly string[];
}

export function parseLiveFilter(q: URLSearchParams): LiveFilter | { error: string } {
  try {
    const names = q.getAll('name').filter(Boolean).map((n) => compilePattern(n));
    const labels = q.getAll('label').filter(Boolean).map((l): [string, Pattern] => {
      const i = l.indexOf('=');
      return i < 0 ? [l, compilePattern('*')] : [l.slice(0, i), compilePattern(l.slice(i + 1))];
    });
    const sources = q.getAll('source').filter(Boolean);
    for (const s of sources) if (s !== 'stdout' && s !== 'stderr') return { error: `source must be stdout or stderr, not "${s}"` };
    const ids = q.getAll('id').filter(Boolean).map((i) => i.toLowerCase());
    return { names, ids, labels, sources: sources as Stream[], routes: q.getAll('route').filter(Boolean) };
  } catch (err) {
    return { error: `bad pattern: ${(err as Error).message}` };
  }
}

export function matchesLive(f: LiveFilter, rec: LogRecord, agent: AgentView): boolean {
  const c = rec.container;
  if (f.sources.length > 0 && !f.sources.includes(rec.source)) return false;
  if (f.names.length > 0 && !f.names.some((p) => p.test(c.name))) return false;
  if (f.ids.length > 0 && !f.ids.some((i) => c.id.startsWith(i))) return false;
  for (const [k, p] of f.labels) {
    const v = c.labels[k];
    if (v === undefined || !p.test(v)) return false;
  }
  if (f.routes.length > 0 && !agent.routesTaking(rec).some((name) => f.routes.includes(name))) return false;
  return true;
}

/**
 * logspout's httpstream paths: `/logs/name:<glob>` and `/logs/id:<id>` add `name=`/`id=` to the
 * query. Returns false for any other path below /logs/.
 */
export function logspoutPathFilter(rest: string, q: URLSearchParams): boolean {
  const m = /^(name|id):(.+)$/s.exec(rest);
  if (!m) return false;
  let value: string;
  try {
    value = decodeURIComponent(m[2]!);
  } catch {
    return false;
  }
  q.append(m[1]!, value);
  return true;
}
