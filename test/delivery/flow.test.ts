import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowControl } from '../../src/delivery/flow.js';
import { Route } from '../../src/delivery/route.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, FakeSink, rec, routeConfig, settleMicrotasks } from './helpers.js';

function recorder() {
  const events: string[] = [];
  return { events, flow: new FlowControl({ pause: (id) => events.push(`pause ${id}`), resume: (id) => events.push(`resume ${id}`) }) };
}

const a = { name: 'a' };
const b = { name: 'b' };

test('a container is paused on its first block and resumed only when every blocking route drained', () => {
  const { events, flow } = recorder();
  flow.block('c1', a);
  flow.block('c1', a);
  flow.block('c1', b);
  flow.block('c2', b);
  assert.deepEqual(events, ['pause c1', 'pause c2']);
  flow.release(b);
  assert.deepEqual(events, ['pause c1', 'pause c2', 'resume c2'], 'c1 is still blocked by a');
  flow.release(a);
  assert.deepEqual(events.slice(3), ['resume c1']);
  flow.release(a);
  assert.equal(events.length, 4, 'release of a route blocking nothing is a no-op');
});

test('routes are told apart by object: a retiring route\'s late drain does not resume what its same-named replacement paused', () => {
  const { events, flow } = recorder();
  const old = { name: 'out' };
  const replacement = { name: 'out' };
  flow.block('c1', old);
  flow.block('c1', replacement);
  flow.release(old); // the retired route drains late
  assert.deepEqual(events, ['pause c1'], 'still blocked by the replacement');
  flow.release(replacement);
  assert.deepEqual(events, ['pause c1', 'resume c1']);
});

test('forget drops a container without resuming it', () => {
  const { events, flow } = recorder();
  flow.block('c1', a);
  flow.forget('c1');
  flow.release(a);
  assert.deepEqual(events, ['pause c1']);
  flow.block('c1', a);
  assert.deepEqual(events, ['pause c1', 'pause c1'], 'a block after forget pauses afresh: nothing was left behind');
});

test('wired to routes: a full route pauses only the containers feeding it; the other route keeps flowing', async () => {
  const clock = new ManualClock();
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const slow = new FakeSink(['manual']);
  const fast = new FakeSink();
  const routes = {
    slow: new Route({ config: routeConfig({ name: 'slow', buffer: { maxLines: 2 }, flush: { maxLines: 2 } }), sink: slow, clock, metrics, logger: silentLogger() }),
    fast: new Route({ config: routeConfig({ name: 'fast', flush: { maxLines: 1 } }), sink: fast, clock, metrics, logger: silentLogger() }),
  };
  const { events, flow } = recorder();
  for (const r of Object.values(routes)) r.onDrain(() => flow.release(r));
  const offer = (container: string, route: keyof typeof routes, line: string) => {
    if (routes[route].offer(rec(line, acks)) === 'pause') flow.block(container, routes[route]);
  };
  offer('A', 'slow', 'a1');
  offer('A', 'slow', 'a2'); // 2 held: pause A
  offer('B', 'fast', 'b1');
  offer('B', 'fast', 'b2');
  await settleMicrotasks();
  assert.deepEqual(events, ['pause A']);
  assert.deepEqual(fast.delivered, ['b1', 'b2'], 'the route B feeds was never stalled');
  slow.manual[0]!({ kind: 'ok' });
  await settleMicrotasks();
  assert.deepEqual(events, ['pause A', 'resume A']);
  assert.deepEqual(slow.delivered, ['a1', 'a2']);
});
