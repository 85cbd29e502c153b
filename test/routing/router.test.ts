import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RouteTable } from '../../src/routing/table.js';
import { Router } from '../../src/routing/router.js';
import { compileLineFilter } from '../../src/util/pattern.js';
import { CountingAcks, info, route, sinks, tableConfig } from './helpers.js';

test('line filters: include any, exclude none, per route', () => {
  const s = sinks('errors', 'quiet', 'all');
  const t = new RouteTable(tableConfig([route('errors', { include: [/ERROR/, /WARN/] }), route('quiet', { excludeLines: [/healthcheck/] }), route('all')]), s);
  const r = new Router(t);
  const acks = new CountingAcks();
  const ci = info({ name: 'app' });
  for (const l of ['ERROR boom', 'GET /healthcheck', 'WARN slow', 'hello']) r.dispatch(acks.record(ci, l));
  assert.deepEqual(s.get('errors')!.lines(), ['ERROR boom', 'WARN slow']);
  assert.deepEqual(s.get('quiet')!.lines(), ['ERROR boom', 'WARN slow', 'hello']);
  assert.equal(s.get('all')!.got.length, 4);
});

test('a compiled filter answers the same for every line (no lastIndex state), on either engine', () => {
  const s = sinks('a');
  const r = new Router(new RouteTable(tableConfig([route('a', { include: [compileLineFilter('/x/'), compileLineFilter('/x+/')] })]), s));
  const acks = new CountingAcks();
  for (let i = 0; i < 4; i++) r.dispatch(acks.record(info({ name: 'c' }), 'x'));
  assert.equal(s.get('a')!.got.length, 4);
});

test('one record object for routes with equal tags, a copy per distinct tag list', () => {
  const s = sinks('a', 'b', 'c', 'd');
  const t = new RouteTable(tableConfig([route('a'), route('b', { tags: ['x'] }), route('c'), route('d', { tags: ['x'] })], { tags: ['g'] }), s);
  const r = new Router(t);
  const acks = new CountingAcks();
  const rec = acks.record(info({ name: 'app' }), 'line');
  r.dispatch(rec);
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => s.get(n)!.got[0]!);
  assert.equal(a, rec);
  assert.equal(c, rec);
  assert.notEqual(b, rec);
  assert.equal(d, b);
  assert.deepEqual(a!.tags, ['g']);
  assert.deepEqual(b!.tags, ['g', 'x']);
  assert.equal(b!.host, 'node-1');
});

test("'pause' from a route calls onPause(container, route); others do not", () => {
  const s = sinks('a', 'b');
  s.get('b')!.answer = 'pause';
  const paused: [string, unknown][] = [];
  const r = new Router(new RouteTable(tableConfig([route('a'), route('b')]), s), { onPause: (id, sink) => paused.push([id, sink]) });
  const ci = info({ name: 'app', id: 'f'.repeat(64) });
  r.dispatch(new CountingAcks().record(ci, 'x'));
  assert.deepEqual(paused, [['f'.repeat(64), s.get('b')]]);
  assert.equal(paused[0]![1], s.get('b'), 'the route object itself (names are shared across a reload)');
});

test('dispatch does not settle the initial hold; a record no route takes is acknowledged by the caller', () => {
  const s = sinks('a');
  const r = new Router(new RouteTable(tableConfig([route('a', { match: { name: ['web'] } })]), s));
  const acks = new CountingAcks();
  const taken = acks.record(info({ name: 'web' }), 'x');
  const skipped = acks.record(info({ name: 'db', id: 'd'.repeat(64) }), 'y');
  r.dispatch(taken);
  r.dispatch(skipped);
  assert.equal(acks.count.get('stdout:0'), 2, 'dispatcher hold + route hold');
  assert.equal(acks.count.get('stdout:1'), 1, 'only the dispatcher hold');
});

test('the route set is computed once per container, again after a rename or forget', () => {
  const s = sinks('web');
  let calls = 0;
  const m = { source: 'web*', test: (v: string) => (calls++, v.startsWith('web')) };
  const cfg = tableConfig([route('web')]);
  const t = new RouteTable({ ...cfg, routes: [{ ...cfg.routes[0]!, match: { name: [m] } }] }, s);
  const r = new Router(t);
  const acks = new CountingAcks();
  const ci = info({ name: 'web-1' });
  for (let i = 0; i < 100; i++) r.dispatch(acks.record(ci, `l${i}`));
  assert.equal(calls, 1);
  r.dispatch(acks.record({ ...ci }, 'equal but new object'));
  assert.equal(calls, 1, 'an equal info does not recompute');
  const renamed = { ...ci, name: 'db-1' };
  r.dispatch(acks.record(renamed, 'after rename'));
  assert.equal(calls, 2);
  assert.equal(s.get('web')!.got.at(-1)!.line, 'equal but new object');
  r.forget(ci.id);
  r.dispatch(acks.record(renamed, 'after forget'));
  assert.equal(calls, 3);
});

test('swap: records see the new table at once; a surviving route keeps its open multiline group', () => {
  const a = sinks('a', 'b');
  const ml = { multiline: { start: /^S/, timeoutMs: 1000 } };
  const r = new Router(new RouteTable(tableConfig([route('a', ml)]), a));
  const acks = new CountingAcks();
  const ci = info({ name: 'app' });
  r.dispatch(acks.record(ci, 'S1'));
  r.dispatch(acks.record(ci, 'c1'));
  // New config: route a unchanged (same sink object), route b added.
  r.swap(new RouteTable(tableConfig([route('a', ml), route('b')]), a));
  r.dispatch(acks.record(ci, 'c2'));
  r.dispatch(acks.record(ci, 'S2'));
  assert.deepEqual(a.get('a')!.lines(), ['S1\nc1\nc2']);
  assert.deepEqual(a.get('b')!.lines(), ['c2', 'S2']);
  r.flushRoutes([a.get('a')!]);
  assert.deepEqual(a.get('a')!.lines(), ['S1\nc1\nc2', 'S2']);
  assert.equal(r.pendingGroups, 0);
});

test('a route without its route object is a programming error', () => {
  assert.throws(() => new RouteTable(tableConfig([route('a')]), new Map()), /route "a" has no route object/);
});
