/** Builders for routing tests: resolved routes without the config loader, records, capture sinks, acks. */
import type { ContainerMatch, Pattern, ResolvedConfig, RouteConfig } from '../../src/config/types.js';
import { retainAll, type AckSink, type ContainerInfo, type LogRecord, type Stream } from '../../src/core/record.js';
import { compilePattern } from '../../src/util/pattern.js';
import { compileTemplate } from '../../src/routing/template.js';
import type { RouteInput } from '../../src/routing/table.js';

export interface MatchSpec {
  name?: string[];
  id?: string[];
  image?: string[];
  labels?: Record<string, string>;
  source?: Stream[];
  compose_project?: string[];
  compose_service?: string[];
  k8s_namespace?: string[];
  k8s_pod?: string[];
}

export function match(spec: MatchSpec): ContainerMatch {
  const p = (l?: string[]) => l?.map(compilePattern);
  const out: Record<string, unknown> = {};
  if (spec.name) out.name = p(spec.name);
  if (spec.id) out.id = spec.id;
  if (spec.image) out.image = p(spec.image);
  if (spec.labels) out.labels = Object.fromEntries(Object.entries(spec.labels).map(([k, v]) => [k, compilePattern(v)]));
  if (spec.source) out.source = spec.source;
  for (const k of ['compose_project', 'compose_service', 'k8s_namespace', 'k8s_pod'] as const) if (spec[k]) out[k] = p(spec[k]);
  return out as ContainerMatch;
}

export interface RouteSpec {
  match?: MatchSpec;
  exclude?: MatchSpec;
  include?: Pattern[];
  excludeLines?: Pattern[];
  multiline?: { start: Pattern; maxLines?: number; timeoutMs?: number };
  tags?: string[];
}

export function route(name: string, s: RouteSpec = {}): RouteConfig {
  return {
    name,
    ...(s.match ? { match: match(s.match) } : {}),
    ...(s.exclude ? { exclude: match(s.exclude) } : {}),
    filter: { include: s.include ?? [], exclude: s.excludeLines ?? [] },
    ...(s.multiline ? { multiline: { start: s.multiline.start, maxLines: s.multiline.maxLines ?? 500, timeoutMs: s.multiline.timeoutMs ?? 1000 } } : {}),
    tags: (s.tags ?? []).map(compileTemplate),
    destination: { type: 'console', format: 'text' },
    buffer: { maxLines: 1000, maxBytes: 1 << 20, whenFull: 'block' },
    flush: { intervalMs: 1000, maxLines: 100, maxBytes: 1 << 20 },
    retry: { maxAttempts: 0, initialBackoffMs: 500, maxBackoffMs: 30_000 },
    fingerprint: name,
  };
}

export function tableConfig(routes: RouteConfig[], o: { hostname?: string; tags?: string[] } = {}): Pick<ResolvedConfig, 'routes' | 'hostname' | 'tags'> {
  return { routes, hostname: compileTemplate(o.hostname ?? 'node-1'), tags: (o.tags ?? []).map(compileTemplate) };
}

export function info(o: Partial<ContainerInfo> & { name: string }): ContainerInfo {
  return {
    id: o.id ?? 'a'.repeat(64),
    image: 'busybox',
    labels: {},
    hostname: 'h',
    tty: false,
    logDriver: 'json-file',
    logspoutIgnore: false,
    ...o,
  };
}

/** Counts holds per (stream, seq) like the real AckTracker: starts each line at 1 (the dispatcher's). */
export class CountingAcks implements AckSink {
  readonly count = new Map<string, number>();
  readonly acked: string[] = [];
  #seq = 0;
  retain(stream: Stream, seq: number): void {
    const k = `${stream}:${seq}`;
    this.count.set(k, (this.count.get(k) ?? 0) + 1);
  }
  settle(stream: Stream, seq: number): void {
    const k = `${stream}:${seq}`;
    const n = (this.count.get(k) ?? 0) - 1;
    if (n < 0) throw new Error(`settled ${k} below zero`);
    this.count.set(k, n);
    if (n === 0) this.acked.push(k);
  }
  /** A fresh record from `c`, holding the dispatcher's initial hold. */
  record(c: ContainerInfo, line: string, source: Stream = 'stdout', time = `2026-01-01T00:00:00.${String(this.#seq).padStart(9, '0')}Z`): LogRecord {
    const seq = this.#seq++;
    this.count.set(`${source}:${seq}`, 1);
    return { time, line, source, container: c, host: '', tags: [], truncated: false, acks: [{ tracker: this, stream: source, seq }] };
  }
}

/** A route that takes everything (retaining like a real route) and answers `answer`. */
export class CaptureSink implements RouteInput {
  readonly got: LogRecord[] = [];
  answer: 'accepted' | 'pause' | 'dropped' = 'accepted';
  offer(r: LogRecord): 'accepted' | 'pause' | 'dropped' {
    if (this.answer === 'dropped') return 'dropped';
    retainAll(r);
    this.got.push(r);
    return this.answer;
  }
  lines(): string[] {
    return this.got.map((r) => r.line);
  }
}

export function sinks(...names: string[]): Map<string, CaptureSink> {
  return new Map(names.map((n) => [n, new CaptureSink()]));
}
