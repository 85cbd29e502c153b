/**
 * Matchers, container selection and per-container override labels against REAL containers: each is
 * created (not started) on the private test engine with the labels, env and names under test, and
 * its ContainerInfo is built from the engine's own inspect answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestDocker, hasDocker, IMAGE } from '../helpers/docker.js';
import { containerInfoFromInspect, type InspectLike } from '../../src/docker/metadata.js';
import type { ContainerInfo } from '../../src/core/record.js';
import { containerFailure, sourceAllows } from '../../src/routing/match.js';
import type { ContainerMatch } from '../../src/config/types.js';
import type { Stream } from '../../src/core/record.js';

// The container-level conditions and the per-record `source` condition, as the route table applies them.
const matchContainer = (m: ContainerMatch, info: ContainerInfo, s?: Stream) => containerFailure(m, info) === null && (s === undefined || sourceAllows(m, s));
import { selectContainer } from '../../src/routing/select.js';
import { RouteTable } from '../../src/routing/table.js';
import { Router } from '../../src/routing/router.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, match, route, sinks, tableConfig } from './helpers.js';

const SPECS = {
  api: { labels: { team: 'payments', tier: 'backend', 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'api', 'sluice.tags': 'blue, canary' } },
  worker: { base: 'worker-7', labels: { 'io.kubernetes.pod.namespace': 'prod', 'io.kubernetes.pod.name': 'worker-abc' } },
  logspoutLabel: { labels: { LOGSPOUT: 'ignore' } },
  logspoutEnv: { env: ['LOGSPOUT=ignore', 'OTHER=1'] },
  disabled: { labels: { 'sluice.enable': 'false' } },
  enabled: { labels: { 'sluice.enable': 'true' } },
  onlyB: { labels: { 'sluice.routes': 'b, c' } },
  mlStart: { labels: { 'sluice.multiline.start': '^START' } },
  mlBad: { labels: { 'sluice.multiline.start': '(unclosed' } },
} as const;
type Key = keyof typeof SPECS;

describe('routing against real containers', { skip: hasDocker ? false : 'no SLUICE_TEST_DOCKER_HOST' }, () => {
  const td = new TestDocker();
  const c = {} as Record<Key, ContainerInfo>;

  before(async () => {
    await Promise.all(
      (Object.keys(SPECS) as Key[]).map(async (k) => {
        const s = SPECS[k] as { base?: string; labels?: Record<string, string>; env?: string[] };
        const id = await td.run({ script: 'true', name: td.name(s.base ?? k.toLowerCase()), labels: s.labels, env: s.env, start: false });
        c[k] = containerInfoFromInspect((await td.docker.getContainer(id).inspect()) as unknown as InspectLike);
      }),
    );
  });
  after(() => td.cleanup());

  test('name: glob and /regex/, against the name without the leading slash', () => {
    assert.equal(c.api.name, td.name('api'));
    assert.ok(matchContainer(match({ name: ['api-*'] }), c.api));
    assert.ok(!matchContainer(match({ name: ['api-*'] }), c.worker));
    assert.ok(matchContainer(match({ name: ['nothing', '/^worker-\\d+-/'] }), c.worker), 'OR within the list');
    assert.ok(!matchContainer(match({ name: ['/^worker-\\d+-/'] }), c.api));
    assert.match(containerFailure(match({ name: ['api-*'] }), c.worker)!, /^match\.name: .* matches none of \["api-\*"\]/);
  });

  test('id prefix', () => {
    assert.ok(matchContainer(match({ id: [c.api.id.slice(0, 12)] }), c.api));
    assert.ok(matchContainer(match({ id: [c.api.id.slice(0, 5).toUpperCase()] }), c.api), 'case of the hex does not matter');
    assert.ok(!matchContainer(match({ id: [c.api.id.slice(0, 12)] }), c.worker));
    assert.match(containerFailure(match({ id: [c.api.id.slice(0, 12)] }), c.worker)!, /^match\.id: /);
  });

  test('image', () => {
    assert.equal(c.api.image, IMAGE);
    assert.ok(matchContainer(match({ image: ['sluice-test-*'] }), c.api));
    assert.ok(!matchContainer(match({ image: ['myorg/*'] }), c.api));
    assert.match(containerFailure(match({ image: ['myorg/*'] }), c.api)!, /^match\.image: /);
  });

  test('labels: exact, glob, "*" = present; a missing label never matches', () => {
    assert.ok(matchContainer(match({ labels: { team: 'payments' } }), c.api));
    assert.ok(!matchContainer(match({ labels: { team: 'search' } }), c.api));
    assert.ok(matchContainer(match({ labels: { tier: 'back*' } }), c.api));
    assert.ok(matchContainer(match({ labels: { tier: '*' } }), c.api));
    assert.ok(!matchContainer(match({ labels: { tier: '*' } }), c.worker));
    assert.ok(!matchContainer(match({ labels: { team: 'payments', tier: 'frontend' } }), c.api), 'AND across labels');
    assert.equal(containerFailure(match({ labels: { tier: '*' } }), c.worker), 'match.labels.tier: the container has no label "tier"');
    assert.equal(containerFailure(match({ labels: { team: 'search' } }), c.api), 'match.labels.team: "payments" does not match "search"');
  });

  test('source is per record', () => {
    const m = match({ name: ['api-*'], source: ['stderr'] });
    assert.ok(matchContainer(m, c.api), 'container-level view ignores source');
    assert.ok(matchContainer(m, c.api, 'stderr'));
    assert.ok(!matchContainer(m, c.api, 'stdout'));
    const t = new RouteTable(tableConfig([route('err', { match: { source: ['stderr'] } })]), sinks('err'));
    const p = t.plan(c.api);
    assert.deepEqual([p.stdout.routes.map((r) => r.name), p.stderr.routes.map((r) => r.name)], [[], ['err']]);
  });

  test('Compose project/service and Kubernetes namespace/pod', () => {
    assert.ok(matchContainer(match({ compose_project: ['shop'], compose_service: ['api', 'web'] }), c.api));
    assert.ok(!matchContainer(match({ compose_service: ['web'] }), c.api));
    assert.ok(!matchContainer(match({ compose_project: ['*'] }), c.worker), 'no compose label: never matches');
    assert.match(containerFailure(match({ compose_project: ['*'] }), c.worker)!, /no label "com\.docker\.compose\.project"/);
    assert.ok(matchContainer(match({ k8s_namespace: ['prod'], k8s_pod: ['worker-*'] }), c.worker));
    assert.ok(!matchContainer(match({ k8s_namespace: ['staging'] }), c.worker));
    assert.ok(!matchContainer(match({ k8s_pod: ['*'] }), c.api));
  });

  test('route exclude: a matching container gets nothing; exclude with source drops only that stream', () => {
    const t = new RouteTable(
      tableConfig([route('a', { match: { name: ['*'] }, exclude: { labels: { team: 'payments' } } }), route('b', { exclude: { name: ['worker-*'], source: ['stderr'] } })]),
      sinks('a', 'b'),
    );
    const names = (ci: ContainerInfo) => {
      const p = t.plan(ci);
      return { stdout: p.stdout.routes.map((r) => r.name), stderr: p.stderr.routes.map((r) => r.name) };
    };
    assert.deepEqual(names(c.api), { stdout: ['b'], stderr: ['b'] });
    assert.deepEqual(names(c.worker), { stdout: ['a', 'b'], stderr: ['a'] });
    const v = t.verdicts(c.api).find((x) => x.route === 'a')!;
    assert.match(v.failure!, /^exclude: .*labels\.team="payments"/);
  });

  test('selection: containers.exclude, opt-in, sluice.enable, LOGSPOUT=ignore as label and env, self', () => {
    const all = { optIn: false, backfill: { kind: 'none' as const } };
    assert.deepEqual(selectContainer(c.api, all), { collect: true, reason: 'every container is collected unless excluded' });
    assert.equal(selectContainer(c.api, { ...all, exclude: match({ name: ['api-*'] }) }).collect, false);
    assert.equal(selectContainer(c.api, { ...all, exclude: match({ name: ['api-*'] }) }).reason, 'it matches containers.exclude');
    assert.equal(selectContainer(c.worker, { ...all, exclude: match({ name: ['api-*'] }) }).collect, true);
    assert.equal(selectContainer(c.api, { ...all, exclude: match({ source: ['stderr'] }) }).collect, true, 'source-only exclude excludes no container');

    assert.deepEqual(selectContainer(c.logspoutLabel, all), { collect: false, reason: 'label LOGSPOUT=ignore' });
    assert.equal(c.logspoutEnv.labels['LOGSPOUT'], undefined);
    assert.deepEqual(selectContainer(c.logspoutEnv, all), { collect: false, reason: 'environment LOGSPOUT=ignore' });
    assert.deepEqual(selectContainer(c.disabled, all), { collect: false, reason: 'label sluice.enable=false' });
    assert.equal(selectContainer(c.disabled, { ...all, optIn: true }).collect, false);

    const optIn = { ...all, optIn: true };
    assert.equal(selectContainer(c.api, optIn).collect, false);
    assert.match(selectContainer(c.api, optIn).reason, /opt_in/);
    assert.equal(selectContainer(c.enabled, optIn).collect, true);
    assert.equal(selectContainer(c.enabled, { ...optIn, exclude: match({ labels: { 'sluice.enable': '*' } }) }).collect, false, 'exclude still applies to opted-in');

    assert.equal(selectContainer(c.api, all, c.api.id.slice(0, 12)).collect, false);
    assert.equal(selectContainer(c.api, all, c.api.id.slice(0, 12)).reason, 'it is sluice itself');
    assert.equal(selectContainer(c.worker, all, c.api.id.slice(0, 12)).collect, true);
  });

  test('label sluice.routes: only the named routes, still subject to their match', () => {
    const t = new RouteTable(tableConfig([route('a'), route('b'), route('c', { match: { name: ['nope'] } })]), sinks('a', 'b', 'c'));
    assert.deepEqual(t.plan(c.onlyB).stdout.routes.map((r) => r.name), ['b']);
    assert.deepEqual(t.plan(c.api).stdout.routes.map((r) => r.name), ['a', 'b']);
    const v = t.verdicts(c.onlyB);
    assert.equal(v[0]!.failure, 'label sluice.routes=b, c does not name this route');
    assert.equal(v[1]!.failure, null);
    assert.match(v[2]!.failure!, /^match\.name/);
  });

  test('label sluice.tags joins global and route tags; templates render per container and stream', () => {
    const s = sinks('a', 'b');
    const t = new RouteTable(
      tableConfig([route('a', { tags: ['team:{{ container.labels.team }}', '{{ source }}'] }), route('b')], { hostname: 'node-{{ container.labels.tier }}', tags: ['prod'] }),
      s,
    );
    const acks = new CountingAcks();
    const r = new Router(t);
    r.dispatch(acks.record(c.api, 'hello', 'stderr'));
    r.dispatch(acks.record(c.worker, 'hi', 'stdout'));
    const [a1, a2] = s.get('a')!.got;
    const [b1, b2] = s.get('b')!.got;
    assert.deepEqual(a1!.tags, ['prod', 'team:payments', 'stderr', 'blue', 'canary']);
    assert.deepEqual(b1!.tags, ['prod', 'blue', 'canary']);
    assert.equal(a1!.host, 'node-backend');
    assert.deepEqual(a2!.tags, ['prod', 'team:', 'stdout']);
    assert.deepEqual(b2!.tags, ['prod']);
    assert.equal(b2!.host, 'node-');
  });

  test('label sluice.multiline.start joins for that container only; a bad one is logged once and ignored', () => {
    const logs: string[] = [];
    const logger = createLogger('warn', { write: (s: string) => void logs.push(s) });
    const s = sinks('a');
    const clock = new ManualClock();
    const t = new RouteTable(tableConfig([route('a')]), s, { logger });
    const r = new Router(t, { clock });
    const acks = new CountingAcks();
    for (const ci of [c.mlStart, c.api, c.mlBad, c.mlBad]) {
      for (const line of ['START one', '  more', 'START two', '  more']) {
        const rec = acks.record(ci, line);
        r.dispatch(rec);
      }
    }
    r.flushAll();
    // mlStart's second group is still open until flushAll; the others pass line by line.
    assert.deepEqual(s.get('a')!.lines(), [
      'START one\n  more',
      ...['START one', '  more', 'START two', '  more'],
      ...['START one', '  more', 'START two', '  more', 'START one', '  more', 'START two', '  more'],
      'START two\n  more',
    ]);
    const warnings = logs.filter((l) => l.includes('sluice.multiline.start'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(c.mlBad.name));
  });
});
