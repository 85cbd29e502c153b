import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../src/delivery/route.js';
import { RouteEvents } from '../../src/delivery/route-events.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, FakeSink, captureLogger, lines, metricValue, rec, routeConfig, settleMicrotasks, type RouteConfigPatch } from './helpers.js';

const ok = { kind: 'ok' } as const;

function setup(patch: RouteConfigPatch, sink: FakeSink) {
  const clock = new ManualClock();
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const route = new Route({ config: routeConfig(patch), sink, clock, metrics, logger: silentLogger() });
  return { clock, metrics, acks, route };
}

test('block: every record is taken; "pause" from the bound on (in-flight counts); drain once below half after delivery', async () => {
  const sink = new FakeSink(['manual', 'manual', 'manual']);
  const { route, acks, metrics, clock } = setup({ buffer: { maxLines: 10, whenFull: 'block' }, flush: { maxLines: 5 } }, sink);
  let drains = 0;
  route.onDrain(() => drains++);
  const answers = lines('b', 12, acks).map((r) => route.offer(r));
  assert.deepEqual(answers, [...Array(9).fill('accepted'), 'pause', 'pause', 'pause']);
  assert.equal(sink.attempts.length, 1, 'one batch in flight');
  assert.equal(route.status().bufferedLines, 12, 'over the bound, nothing lost');
  assert.equal(await metricValue(metrics, 'sluice_buffer_lines', { route: 'r1' }), 12);

  sink.manual[0]!(ok); // 7 held > 5: still blocked; the next batch of 5 leaves
  await settleMicrotasks();
  assert.equal(drains, 0);
  assert.equal(route.offer(rec('late', acks)), 'accepted', '8 held, below the bound again');
  sink.manual[1]!(ok); // 3 held ≤ 5: drain
  await settleMicrotasks();
  assert.equal(drains, 1);
  clock.advance(1000); // the last 3 go on the interval
  sink.manual[2]!(ok);
  await settleMicrotasks();
  assert.equal(drains, 1, 'drain fires once per blocked episode');
  assert.deepEqual(sink.delivered, [...Array.from({ length: 12 }, (_, i) => `b${i}`), 'late']);
  assert.equal(acks.open(), 0);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'buffer_full' }), 0);
});

test('block: max_bytes bounds too', async () => {
  const sink = new FakeSink(['manual']);
  const { route, acks } = setup({ buffer: { maxLines: 1000, maxBytes: 10, whenFull: 'block' }, flush: { maxLines: 1 } }, sink);
  assert.equal(route.offer(rec('12345', acks)), 'accepted');
  assert.equal(route.offer(rec('12345', acks)), 'pause');
});

test('drop_newest: records beyond the bound are refused and counted; nothing else is lost', async () => {
  const sink = new FakeSink(['manual']);
  const { route, acks, metrics, clock } = setup({ buffer: { maxLines: 5, whenFull: 'drop_newest' }, flush: { maxLines: 3 } }, sink);
  const answers = lines('d', 8, acks).map((r) => route.offer(r));
  assert.deepEqual(answers, ['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'dropped', 'dropped', 'dropped']);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'buffer_full' }), 3);
  assert.equal(acks.holds.size, 5, 'refused records were never retained: their only hold is the dispatcher\'s');
  sink.manual[0]!(ok);
  await settleMicrotasks();
  clock.advance(1000);
  await settleMicrotasks();
  assert.deepEqual(sink.delivered, ['d0', 'd1', 'd2', 'd3', 'd4']);
  assert.equal(acks.open(), 0);
  assert.equal(route.status().dropped, 3);
});

test('drop_oldest: the oldest buffered (not in-flight) records are evicted, settled and counted', async () => {
  const sink = new FakeSink(['manual']);
  const { route, acks, metrics, clock } = setup({ buffer: { maxLines: 5, whenFull: 'drop_oldest' }, flush: { maxLines: 2 } }, sink);
  const answers = lines('o', 9, acks).map((r) => route.offer(r));
  // o0,o1 in flight; the queue keeps the newest 3.
  assert.deepEqual(answers, Array(9).fill('accepted'));
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'buffer_full' }), 4);
  assert.equal(acks.open(), 5, 'evicted records were settled; 2 in flight + 3 queued still held');
  sink.manual[0]!(ok);
  await settleMicrotasks();
  clock.advance(1000);
  await settleMicrotasks();
  assert.deepEqual(sink.delivered, ['o0', 'o1', 'o6', 'o7', 'o8']);
  assert.equal(acks.open(), 0);
  assert.equal(acks.errors, 0);
});

test('drop_oldest with everything in flight refuses the newest instead', async () => {
  const sink = new FakeSink(['manual']);
  const { route, acks, metrics } = setup({ buffer: { maxLines: 2, whenFull: 'drop_oldest' }, flush: { maxLines: 2 } }, sink);
  assert.deepEqual(lines('f', 3, acks).map((r) => route.offer(r)), ['accepted', 'accepted', 'dropped']);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'buffer_full' }), 1);
});

test('a record larger than buffer.max_bytes is still taken into an empty buffer', () => {
  const sink = new FakeSink(['manual']);
  const { route, acks } = setup({ buffer: { maxBytes: 4, whenFull: 'drop_newest' } }, sink);
  assert.equal(route.offer(rec('0123456789', acks)), 'accepted');
  assert.equal(route.offer(rec('x', acks)), 'dropped');
});

test('buffer-full drops are logged as ERROR at once, then at most once a minute per route with the count; nothing is left unlogged', async () => {
  const sink = new FakeSink(['manual']);
  const clock = new ManualClock();
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const log = captureLogger();
  const route = new Route({ config: routeConfig({ buffer: { maxLines: 2, whenFull: 'drop_newest' }, flush: { maxLines: 10 } }), sink, clock, metrics, logger: log.logger });
  const errors = async () => {
    await settleMicrotasks();
    return log.lines.filter((l) => l.level === 50 || l.level === 'error');
  };
  lines('x', 7, acks).forEach((r) => route.offer(r)); // 2 taken, 5 dropped
  assert.deepEqual((await errors()).map((l) => [l.route, l.lines, l.policy]), [['r1', 1, 'drop_newest']], 'the first drop is logged at once');
  clock.advance(59_000);
  route.offer(rec('y', acks));
  assert.equal((await errors()).length, 1, 'within the window: counted, not logged');
  clock.advance(1_000); // the window ends: what it held is logged, without waiting for another drop
  let e = await errors();
  assert.equal(e.length, 2);
  assert.equal(e[1]!.lines, 5, 'the 4 silent ones of the burst and y');
  route.offer(rec('z', acks)); // a new window: counted, logged when the route closes
  const closed = route.drainAndClose(5_000);
  sink.manual[0]!({ kind: 'ok' });
  await settleMicrotasks();
  clock.advance(1_000);
  sink.manual[1]?.({ kind: 'ok' });
  await closed;
  e = await errors();
  assert.deepEqual(e.map((l) => l.lines), [1, 5, 1]);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'buffer_full' }), 7);
});

test('buffer-full log window: a wall clock that steps back does not silence the next drop', async () => {
  let now = 3_600_000;
  const clock = { now: () => now, setTimer: () => () => undefined };
  const log = captureLogger();
  const ev = new RouteEvents('r1', createMetrics(), log.logger, clock);
  ev.bufferFull(1, 'drop_oldest');
  now = 0; // the wall clock stepped back an hour (NTP)
  ev.bufferFull(2, 'drop_oldest');
  assert.deepEqual(log.lines.map((l) => [l.lines, l.policy]), [[1, 'drop_oldest'], [2, 'drop_oldest']]);
  ev.close();
  assert.equal(log.lines.length, 2, 'close with nothing pending logs nothing');
});
