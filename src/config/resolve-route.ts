/**
 * One raw route → RouteConfig. `defaults:` are merged per key: the route's own keys (as the user
 * wrote them, before schema defaults were filled in) win over `defaults.*`, which hold the schema
 * defaults for anything neither gives.
 */
import type { Buffer as RawBuffer, ContainerMatch as RawMatch, Flush as RawFlush, Retry as RawRetry, Route as RawRoute } from './schema.gen.js';
import type { ContainerMatch, Pattern, RouteConfig } from './types.js';
import type { DataPath } from './errors.js';
import type { ResolveContext } from './context.js';
import { resolveDestination } from './resolve-destination.js';
import { parseDuration, parseSize } from './units.js';
import { fingerprintRoute } from './fingerprint.js';
import { compileLineFilter, compilePattern } from '../util/pattern.js';
import { compileRegex } from '../util/regex.js';
import { compileTemplate } from '../routing/template.js';
import type { Stream } from '../core/record.js';

export interface RouteDefaults {
  readonly buffer: RawBuffer;
  readonly flush: RawFlush;
  readonly retry: RawRetry;
}

const list = <T>(v: T | readonly T[] | undefined): readonly T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v as T]);

export function resolveMatch(m: RawMatch | undefined): ContainerMatch | undefined {
  if (!m) return undefined;
  const patterns = (v: string | string[] | undefined): readonly Pattern[] | undefined => list(v)?.map((s) => compilePattern(s));
  const out: { -readonly [K in keyof ContainerMatch]: ContainerMatch[K] } = {};
  if (m.name !== undefined) out.name = patterns(m.name);
  if (m.id !== undefined) out.id = list(m.id);
  if (m.image !== undefined) out.image = patterns(m.image);
  if (m.labels !== undefined) out.labels = Object.fromEntries(Object.entries(m.labels).map(([k, v]) => [k, compilePattern(String(v))]));
  if (m.source !== undefined) out.source = list(m.source) as readonly Stream[];
  if (m.compose_project !== undefined) out.compose_project = patterns(m.compose_project);
  if (m.compose_service !== undefined) out.compose_service = patterns(m.compose_service);
  if (m.k8s_namespace !== undefined) out.k8s_namespace = patterns(m.k8s_namespace);
  if (m.k8s_pod !== undefined) out.k8s_pod = patterns(m.k8s_pod);
  return out;
}

/**
 * @param route the route after schema validation (defaults filled in)
 * @param written the same route as the user wrote it (for the per-key merge with `defaults:`)
 */
export async function resolveRoute(ctx: ResolveContext, path: DataPath, route: RawRoute, written: Partial<RawRoute>, defaults: RouteDefaults): Promise<RouteConfig | undefined> {
  const destination = await resolveDestination(ctx, [...path, 'destination'], route.destination);
  if (!destination) return undefined;
  const buffer = { ...defaults.buffer, ...written.buffer };
  const flush = { ...defaults.flush, ...written.flush };
  const retry = { ...defaults.retry, ...written.retry };
  const r = {
    name: route.name,
    ...(route.match && { match: resolveMatch(route.match) }),
    ...(route.exclude && { exclude: resolveMatch(route.exclude) }),
    filter: { include: (route.filter?.include ?? []).map(compileLineFilter), exclude: (route.filter?.exclude ?? []).map(compileLineFilter) },
    ...(route.multiline && {
      multiline: { start: compileRegex(route.multiline.start), maxLines: route.multiline.max_lines!, timeoutMs: parseDuration(route.multiline.timeout!) },
    }),
    tags: (route.tags ?? []).map((t) => compileTemplate(t)),
    destination,
    // Every key is set: the schema's defaults were filled into `defaults.*` and `multiline` by validation.
    buffer: { maxLines: buffer.max_lines!, maxBytes: parseSize(buffer.max_bytes!), whenFull: buffer.when_full! },
    flush: { intervalMs: parseDuration(flush.interval!), maxLines: flush.max_lines!, maxBytes: parseSize(flush.max_bytes!) },
    retry: { maxAttempts: retry.max_attempts!, initialBackoffMs: parseDuration(retry.initial_backoff!), maxBackoffMs: parseDuration(retry.max_backoff!) },
  };
  if (r.retry.initialBackoffMs > r.retry.maxBackoffMs) ctx.report([...path, 'retry'], 'initial_backoff is longer than max_backoff');
  return { ...r, fingerprint: fingerprintRoute(r) };
}
