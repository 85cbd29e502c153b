/**
 * Property: a record is offered to exactly the routes whose conditions it satisfies. Random
 * containers (names, ids, images, labels incl. Compose/Kubernetes/sluice.routes), random routes
 * (match, exclude, line filters) and random records; the router's offers are compared with a
 * direct, unoptimised evaluation of the rules written out here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ackList, type ContainerInfo, type Stream } from '../../src/core/record.js';
import { containerInfoFromInspect } from '../../src/docker/metadata.js';
import { compilePattern } from '../../src/util/pattern.js';
import { RouteTable } from '../../src/routing/table.js';
import { Router } from '../../src/routing/router.js';
import { CountingAcks, route, sinks, tableConfig, type MatchSpec, type RouteSpec } from './helpers.js';

const LABEL_KEYS = ['team', 'tier', 'com.docker.compose.project', 'com.docker.compose.service', 'io.kubernetes.pod.namespace', 'io.kubernetes.pod.name'];
const VALUES = ['a', 'ab', 'b', 'abc', ''];
const PATTERNS = ['a', 'a*', '*b', '*', '/^a/', '/b$/', 'ab?', 'b'];
const IDS = ['ab12', 'ab34', 'cd56'];
const STREAMS: Stream[] = ['stdout', 'stderr'];
const LINES = ['ERROR a', 'WARN b', 'ok', 'health ok', ''];
const FILTERS = [/ERROR/, /WARN/, /health/, /^$/];
const ROUTE_NAMES = ['r0', 'r1', 'r2', 'r3'];

const patterns = fc.uniqueArray(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 2 });
const CONDITIONS: Record<keyof MatchSpec, fc.Arbitrary<unknown>> = {
  name: patterns,
  id: fc.uniqueArray(fc.constantFrom('ab', 'ab1', 'CD', 'cd5', 'e'), { minLength: 1, maxLength: 2 }),
  image: patterns,
  labels: fc.dictionary(fc.constantFrom('team', 'tier'), fc.constantFrom(...PATTERNS), { minKeys: 1, maxKeys: 2 }),
  source: fc.uniqueArray(fc.constantFrom<Stream>(...STREAMS), { maxLength: 2 }),
  compose_project: patterns,
  compose_service: patterns,
  k8s_namespace: patterns,
  k8s_pod: patterns,
};
// Few keys per condition, so that a fair share of routes match and both outcomes are exercised.
const matchSpec: fc.Arbitrary<MatchSpec> = fc
  .uniqueArray(fc.constantFrom(...(Object.keys(CONDITIONS) as (keyof MatchSpec)[])), { maxLength: 2 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, CONDITIONS[k]]))) as fc.Arbitrary<MatchSpec>);
const routeSpec: fc.Arbitrary<RouteSpec> = fc.record(
  {
    match: matchSpec,
    exclude: matchSpec,
    include: fc.subarray(FILTERS),
    excludeLines: fc.subarray(FILTERS),
    tags: fc.subarray(['t1', '{{ source }}', '{{ container.labels.team }}']),
  },
  { requiredKeys: [] },
);
const container = fc.record({
  id: fc.constantFrom(...IDS),
  name: fc.constantFrom(...VALUES.filter((v) => v)),
  image: fc.constantFrom(...VALUES.filter((v) => v)),
  labels: fc.record(Object.fromEntries(LABEL_KEYS.map((k) => [k, fc.constantFrom(...VALUES)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>,
  routes: fc.option(fc.uniqueArray(fc.constantFrom(...ROUTE_NAMES, 'zz'), { maxLength: 3 }), { nil: undefined }),
});
const record = fc.record({ c: fc.nat(), source: fc.constantFrom<Stream>(...STREAMS), line: fc.constantFrom(...LINES) });

// ---- the reference: the rules as the spec states them, evaluated from scratch for every record ----
type C = { id: string; name: string; image: string; labels: Record<string, string> };
const anyOf = (list: string[], v: string | undefined) => v !== undefined && list.some((p) => compilePattern(p).test(v));
function holds(m: MatchSpec, c: C, s: Stream): boolean {
  if (m.name && !anyOf(m.name, c.name)) return false;
  if (m.id && !m.id.some((p) => c.id.startsWith(p.toLowerCase()))) return false;
  if (m.image && !anyOf(m.image, c.image)) return false;
  for (const [k, p] of Object.entries(m.labels ?? {})) if (!anyOf([p], c.labels[k])) return false;
  if (m.source && !m.source.includes(s)) return false;
  if (m.compose_project && !anyOf(m.compose_project, c.labels['com.docker.compose.project'])) return false;
  if (m.compose_service && !anyOf(m.compose_service, c.labels['com.docker.compose.service'])) return false;
  if (m.k8s_namespace && !anyOf(m.k8s_namespace, c.labels['io.kubernetes.pod.namespace'])) return false;
  if (m.k8s_pod && !anyOf(m.k8s_pod, c.labels['io.kubernetes.pod.name'])) return false;
  return true;
}
function expected(name: string, r: RouteSpec, c: C, s: Stream, line: string): boolean {
  const only = (c.labels['sluice.routes'] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  if (only.length > 0 && !only.includes(name)) return false;
  if (r.match && !holds(r.match, c, s)) return false;
  if (r.exclude && Object.keys(r.exclude).length > 0 && holds(r.exclude, c, s)) return false;
  if (r.include?.length && !r.include.some((x) => x.test(line))) return false;
  if (r.excludeLines?.some((x) => x.test(line))) return false;
  return true;
}

test('a record is offered to exactly the routes whose conditions it satisfies', () => {
  let offered = 0;
  let refused = 0;
  fc.assert(
    fc.property(
      fc.array(routeSpec, { minLength: 1, maxLength: 4 }),
      fc.array(container, { minLength: 1, maxLength: 4 }),
      fc.array(record, { minLength: 1, maxLength: 20 }),
      (specs, cs, recs) => {
        const names = ROUTE_NAMES.slice(0, specs.length);
        const s = sinks(...names);
        const router = new Router(new RouteTable(tableConfig(specs.map((sp, i) => route(names[i]!, sp))), s));
        const raw: C[] = cs.map((c, i) => {
          const labels = { ...c.labels, ...(c.routes ? { 'sluice.routes': c.routes.join(',') } : {}) };
          return { id: c.id + String(i).padStart(60, '0'), name: c.name, image: c.image, labels };
        });
        const infos: ContainerInfo[] = raw.map((c) =>
          containerInfoFromInspect({ Id: c.id, Name: '/' + c.name, Config: { Image: c.image, Labels: c.labels, Env: [] } }),
        );
        const acks = new CountingAcks();
        for (const r of recs) {
          const ci = r.c % infos.length;
          const rec = acks.record(infos[ci]!, r.line, r.source);
          const before = names.map((n) => s.get(n)!.got.length);
          router.dispatch(rec);
          const got = names.filter((n, i) => s.get(n)!.got.length > before[i]!);
          const want = names.filter((n, i) => expected(n, specs[i]!, raw[ci]!, r.source, r.line));
          offered += got.length;
          refused += names.length - got.length;
          assert.deepEqual(got, want, `container ${JSON.stringify(raw[ci])} ${r.source} ${JSON.stringify(r.line)}`);
          for (const n of got) {
            const o = s.get(n)!.got.at(-1)!;
            assert.equal(o.line, r.line);
            assert.equal(ackList(o)[0]!.seq, ackList(rec)[0]!.seq);
          }
        }
      },
    ),
    { numRuns: 400 },
  );
  // The generators must exercise both outcomes often, or the property says little.
  assert.ok(offered > refused / 10 && refused > offered / 10, `offered ${offered}, refused ${refused}`);
});
