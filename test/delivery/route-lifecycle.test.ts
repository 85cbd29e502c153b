import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../src/delivery/route.js';
import { ackList } from '../../src/core/record.js';
import type { SendResult } from '../../src/sinks/sink.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, FakeSink, captureLogger, lines, metricValue, rec, routeConfig, settleMicrotasks, type RouteConfigPatch } from './helpers.js';

const r503: SendResult = { kind: 'retryable', error: 'http_5xx', detail: 'HTTP 503' };

function setup(patch: RouteConfigPatch, sink: FakeSink) {
  const clock = new ManualClock();
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const cap = captureLogger();
  const route = new Route({ config: routeConfig(patch), sink, clock, metrics, logger: cap.logger, random: () => 1 });
  return { clock, metrics, acks, route, logs: cap.lines };
}

function track(p: Promise<void>): { done: boolean } {
  const s = { done: false };
  void p.then(() => (s.done = true));
  return s;
}

test('retire delivers everything buffered (without waiting for the interval, retrying failures) before closing the sink', async () => {
  const sink = new FakeSink([r503, r503]);
  const { route, acks, clock } = setup({ flush: { maxLines: 100, intervalMs: 60_000 } }, sink);
  const records = lines('r', 250, acks);
  for (const r of records) route.offer(r);
  const retired = track(route.retire());
  for (let i = 0; i < 100 && !retired.done; i++) {
    await settleMicrotasks();
    if (sink.delivered.length < 250) assert.equal(sink.closed, 0, 'the sink stays open while anything is undelivered');
    clock.advance(100);
  }
  await settleMicrotasks();
  assert.equal(retired.done, true);
  assert.deepEqual(sink.delivered, records.map((r) => r.line));
  assert.equal(sink.closed, 1);
  assert.equal(acks.open(), 0);
  assert.ok(clock.now() - 1_700_000_000_000 < 60_000, 'did not wait for flush.interval');
  await route.retire();
  await route.drainAndClose(1);
  assert.equal(sink.closed, 1, 'idempotent');
  assert.equal(clock.pending, 0, 'no timer left behind');
});

test('retire with an empty buffer closes at once', async () => {
  const sink = new FakeSink();
  const { route } = setup({}, sink);
  await route.retire();
  assert.equal(sink.closed, 1);
});

test('records offered while draining are delivered too', async () => {
  const sink = new FakeSink(['manual']);
  const { route, acks } = setup({}, sink);
  route.offer(rec('a', acks));
  const retired = track(route.retire());
  assert.equal(route.offer(rec('b', acks)), 'accepted');
  sink.manual[0]!({ kind: 'ok' });
  await settleMicrotasks();
  assert.equal(retired.done, true);
  assert.deepEqual(sink.delivered, ['a', 'b']);
});

test('drainAndClose: at the deadline the send in flight is aborted and undelivered records stay unsettled, not counted', async () => {
  const sink = new FakeSink([{ kind: 'ok' }, 'hang']);
  const { route, acks, clock, metrics, logs } = setup({ flush: { maxLines: 10 } }, sink);
  const records = lines('s', 30, acks);
  for (const r of records) route.offer(r);
  const closed = track(route.drainAndClose(5000));
  await settleMicrotasks();
  assert.deepEqual(sink.delivered, records.slice(0, 10).map((r) => r.line));
  assert.equal(sink.pending, 1, 'second batch hangs');
  clock.advance(4999);
  await settleMicrotasks();
  assert.equal(closed.done, false);
  assert.equal(route.offer(rec('while-draining', acks)), 'accepted', 'offers while draining are still taken');
  await settleMicrotasks();
  assert.equal(closed.done, false);
  clock.advance(1);
  assert.equal(route.offer(rec('after-deadline', acks)), 'dropped', 'abandoned: not taken, kept unacknowledged');
  await settleMicrotasks();
  assert.equal(closed.done, true);
  assert.equal(sink.pending, 0, 'the hanging send was aborted');
  assert.equal(sink.closed, 1);
  assert.equal(acks.open(), 22, 'the 21 undelivered records (and the late offer) keep their route hold: the checkpoint will not pass them');
  for (const r of records.slice(10)) assert.equal(acks.holds.get(`stdout:${ackList(r)[0]!.seq}`), 1);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'retries_exhausted' }), 0);
  assert.equal(route.status().dropped, 0);
  assert.equal(await metricValue(metrics, 'sluice_buffer_lines', { route: 'r1' }), 0);
  assert.ok(logs.some((l) => l.lines === 21 && l.level === 40), 'the abandonment is logged with its size');
  assert.equal(clock.pending, 0);
});

test('drainAndClose while sleeping in backoff ends at the deadline without another attempt', async () => {
  const sink = new FakeSink([], { fallback: r503 });
  const { route, acks, clock } = setup({ retry: { initialBackoffMs: 10_000, maxBackoffMs: 10_000 } }, sink);
  for (const r of lines('k', 3, acks)) route.offer(r);
  const closed = track(route.drainAndClose(2000));
  await settleMicrotasks();
  assert.equal(sink.attempts.length, 1);
  clock.advance(2000);
  await settleMicrotasks();
  assert.equal(closed.done, true);
  assert.equal(sink.attempts.length, 1);
  assert.equal(acks.open(), 3);
});

test('drainAndClose delivers everything when the destination answers in time', async () => {
  const sink = new FakeSink([r503]);
  const { route, acks, clock } = setup({}, sink);
  for (const r of lines('q', 5, acks)) route.offer(r);
  const closed = track(route.drainAndClose(10_000));
  for (let i = 0; i < 20 && !closed.done; i++) {
    await settleMicrotasks();
    clock.advance(100);
  }
  assert.equal(closed.done, true);
  assert.equal(sink.delivered.length, 5);
  assert.equal(acks.open(), 0);
  assert.equal(clock.pending, 0, 'the deadline timer is cancelled');
});

test('a blocked route signals drain when it closes, so its containers are resumed', async () => {
  const sink = new FakeSink(['hang']);
  const { route, acks, clock } = setup({ buffer: { maxLines: 1 } }, sink);
  let drains = 0;
  route.onDrain(() => drains++);
  assert.equal(route.offer(rec('x', acks)), 'pause');
  const closed = track(route.drainAndClose(100));
  clock.advance(100);
  await settleMicrotasks();
  assert.equal(closed.done, true);
  assert.equal(drains, 1);
});

test('an offer after close (a caller bug) keeps the record unacknowledged and logs once', async () => {
  const sink = new FakeSink();
  const { route, acks, logs } = setup({}, sink);
  await route.retire();
  const r1 = rec('late1', acks);
  const r2 = rec('late2', acks);
  assert.equal(route.offer(r1), 'dropped');
  assert.equal(route.offer(r2), 'dropped');
  assert.equal(acks.open(), 2, 'retained and never settled: re-read at the next start rather than lost');
  assert.equal(logs.filter((l) => l.level === 50).length, 1);
  assert.equal(sink.attempts.length, 0);
});
