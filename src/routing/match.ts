import type { ContainerMatch, Pattern } from '../config/types.js';
import type { ContainerInfo, Stream } from '../core/record.js';

/**
 * Container conditions (`match`, `exclude`, `containers.exclude`): every present key must hold (AND),
 * inside a list any element may (OR). Matching is split in two because the parts change at different
 * rates: everything but `source` is a property of the container and is evaluated once per container
 * (the RouteTable memoises it); `source` belongs to the record and is folded into a per-stream route
 * list, so the hot path never evaluates a condition.
 *
 * A missing field never matches: a label the container does not carry fails even the `"*"` pattern,
 * and so does a Compose/Kubernetes condition on a container without those labels.
 */

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';
const K8S_NAMESPACE = 'io.kubernetes.pod.namespace';
const K8S_POD = 'io.kubernetes.pod.name';

/** Keys in the order they are checked, and the order explain reports the first failure in. */
const ORDER = ['name', 'id', 'image', 'labels', 'compose_project', 'compose_service', 'k8s_namespace', 'k8s_pod'] as const;

type Field = 'name' | 'image' | 'compose_project' | 'compose_service' | 'k8s_namespace' | 'k8s_pod';

function fieldValue(info: ContainerInfo, f: Field): string | undefined {
  switch (f) {
    case 'name':
      return info.name;
    case 'image':
      return info.image;
    case 'compose_project':
      return info.compose?.project ?? info.labels[COMPOSE_PROJECT];
    case 'compose_service':
      return info.compose?.service ?? info.labels[COMPOSE_SERVICE];
    case 'k8s_namespace':
      return info.k8s?.namespace ?? info.labels[K8S_NAMESPACE];
    case 'k8s_pod':
      return info.k8s?.pod ?? info.labels[K8S_POD];
  }
}

const LABEL_OF: Record<Field, string> = {
  name: 'name',
  image: 'image',
  compose_project: COMPOSE_PROJECT,
  compose_service: COMPOSE_SERVICE,
  k8s_namespace: K8S_NAMESPACE,
  k8s_pod: K8S_POD,
};

function anyPattern(list: readonly Pattern[], value: string): boolean {
  for (const p of list) if (p.test(value)) return true;
  return false;
}

function anyPrefix(prefixes: readonly string[], id: string): boolean {
  for (const p of prefixes) if (id.startsWith(p.toLowerCase())) return true;
  return false;
}

function quoteList(list: readonly { source: string }[] | readonly string[]): string {
  return '[' + list.map((p) => JSON.stringify(typeof p === 'string' ? p : p.source)).join(', ') + ']';
}

/**
 * True when `m` states no condition at all. Callers treat an empty `exclude: {}` as excluding nothing
 * (what a user writing it means), while an empty `match: {}` matches everything.
 */
export function isEmptyMatch(m: ContainerMatch | undefined): boolean {
  if (!m) return true;
  for (const k of Object.keys(m) as (keyof ContainerMatch)[]) if (m[k] !== undefined) return false;
  return true;
}

/** True when `m` has a condition other than `source`, i.e. one that says something about the container. */
export function hasContainerConditions(m: ContainerMatch | undefined): boolean {
  if (!m) return false;
  for (const k of Object.keys(m) as (keyof ContainerMatch)[]) if (k !== 'source' && m[k] !== undefined) return true;
  return false;
}

/**
 * The first container-level condition of `m` that `info` fails, as text prefixed with `prefix`
 * (`match`, `exclude`, `containers.exclude`), or null when every one holds. `source` is not looked at.
 * Called once per (container, route) by the RouteTable, never per line, so building text is fine.
 */
export function containerFailure(m: ContainerMatch, info: ContainerInfo, prefix = 'match'): string | null {
  for (const key of ORDER) {
    if (key === 'id') {
      if (m.id && !anyPrefix(m.id, info.id)) return `${prefix}.id: ${info.id.slice(0, 12)} starts with none of ${quoteList(m.id)}`;
      continue;
    }
    if (key === 'labels') {
      if (!m.labels) continue;
      for (const k of Object.keys(m.labels)) {
        const p = m.labels[k]!;
        const v = info.labels[k];
        if (v === undefined) return `${prefix}.labels.${k}: the container has no label ${JSON.stringify(k)}`;
        if (!p.test(v)) return `${prefix}.labels.${k}: ${JSON.stringify(v)} does not match ${JSON.stringify(p.source)}`;
      }
      continue;
    }
    const list = m[key];
    if (!list) continue;
    const v = fieldValue(info, key);
    if (v === undefined) return `${prefix}.${key}: the container has no label ${JSON.stringify(LABEL_OF[key])} (wanted one of ${quoteList(list)})`;
    if (!anyPattern(list, v)) return `${prefix}.${key}: ${JSON.stringify(v)} matches none of ${quoteList(list)}`;
  }
  return null;
}

/** The `source` condition of `m` admits stream `s` (no `source` key admits both). */
export function sourceAllows(m: ContainerMatch, s: Stream): boolean {
  return !m.source || m.source.includes(s);
}
