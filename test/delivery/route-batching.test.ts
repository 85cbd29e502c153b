import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../src/delivery/route.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, FakeSink, lines, metricValue, rec, routeConfig, settleMicrotasks, type RouteConfigPatch } from './helpers.js';

function setup(patch: RouteConfigPatch = {}, sink = new FakeSink()) {
  const clock = new ManualClock();
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const route = new Route({ config: routeConfig(patch), sink, clock, metrics, logger: silentLogger(), random: () => 0.5 });
  return { clock, metrics, acks, route, sink };
}

test('a partial batch is sent when flush.interval has passed since the first buffered record', async () => {
  const { clock, route, sink, acks } = setup({ flush: { intervalMs: 1000 } });
  route.offer(rec('a', acks));
  clock.advance(400);
  route.offer(rec('b', acks));
  clock.advance(599);
  await settleMicrotasks();
  assert.equal(sink.attempts.length, 0);
  clock.advance(1);
  await settleMicrotasks();
  assert.deepEqual(sink.attempts.map((a) => a.lines), [['a', 'b']]);
  assert.equal(acks.open(), 0, 'delivered records are settled');
  // Nothing buffered: no timer keeps running.
  assert.equal(clock.pending, 0);
});

test('flush.max_lines sends full batches at once, one in flight, in order; the rest waits for the interval', async () => {
  const { clock, route, sink, acks } = setup({ flush: { maxLines: 5, intervalMs: 1000 } });
  for (const r of lines('l', 12, acks)) route.offer(r);
  assert.equal(sink.attempts.length, 1, 'the first full batch leaves synchronously, the second waits for it');
  await settleMicrotasks();
  assert.deepEqual(sink.attempts.map((a) => a.lines.length), [5, 5]);
  clock.advance(999);
  await settleMicrotasks();
  assert.equal(sink.attempts.length, 2);
  clock.advance(1);
  await settleMicrotasks();
  assert.deepEqual(sink.delivered, Array.from({ length: 12 }, (_, i) => `l${i}`));
});

test('flush.max_bytes bounds a batch by line bytes (UTF-8)', async () => {
  const { clock, route, sink, acks } = setup({ flush: { maxLines: 1000, maxBytes: 10 } });
  route.offer(rec('aaaa', acks));
  route.offer(rec('bbbb', acks));
  assert.equal(sink.attempts.length, 0, '8 bytes < 10');
  route.offer(rec('cccc', acks)); // 12 bytes buffered: flush, a batch takes at most 10
  await settleMicrotasks();
  assert.deepEqual(sink.attempts[0]!.lines, ['aaaa', 'bbbb']);
  route.offer(rec('éé', acks)); // 4 bytes in UTF-8 (2 chars): 8 bytes queued
  route.offer(rec('dd', acks)); // 10 bytes: flush
  await settleMicrotasks();
  assert.deepEqual(sink.attempts[1]!.lines, ['cccc', 'éé', 'dd']);
  clock.advance(5000);
  await settleMicrotasks();
  assert.equal(sink.attempts.length, 2);
});

test('one record larger than flush.max_bytes still goes, alone', async () => {
  const { route, sink, acks } = setup({ flush: { maxBytes: 4 } });
  route.offer(rec('0123456789', acks));
  route.offer(rec('x', acks));
  await settleMicrotasks();
  assert.deepEqual(sink.attempts[0]!.lines, ['0123456789']);
});

test('a delivered batch counts lines and bytes sent, observes the send time, and empties the buffer gauges', async () => {
  const { clock, route, metrics, acks } = setup({ name: 'archive' });
  route.offer(rec('hello', acks));
  route.offer(rec('wörld', acks)); // 6 bytes
  assert.equal(route.status().bufferedLines, 2); // status() also refreshes the gauges
  assert.equal(await metricValue(metrics, 'sluice_buffer_lines', { route: 'archive' }), 2);
  assert.equal(await metricValue(metrics, 'sluice_buffer_bytes', { route: 'archive' }), 11);
  clock.advance(1000);
  await settleMicrotasks();
  assert.equal(await metricValue(metrics, 'sluice_lines_sent_total', { route: 'archive' }), 2);
  assert.equal(await metricValue(metrics, 'sluice_bytes_sent_total', { route: 'archive' }), 11);
  assert.equal(await metricValue(metrics, 'sluice_batch_send_seconds', { route: 'archive' }, 'sluice_batch_send_seconds_count'), 1);
  assert.equal(await metricValue(metrics, 'sluice_buffer_lines', { route: 'archive' }), 0);
  assert.equal(await metricValue(metrics, 'sluice_buffer_bytes', { route: 'archive' }), 0);
  assert.deepEqual(route.status(), {
    name: 'archive',
    destination: 'console',
    bufferedLines: 0,
    bufferedBytes: 0,
    inFlight: 0,
    state: 'ok',
    consecutiveFailures: 0,
    sent: 2,
    dropped: 0,
  });
});

test('ok with rejected lines counts them as dropped (rejected) and the rest as sent', async () => {
  const sink = new FakeSink([{ kind: 'ok', rejected: 2 }]);
  const { clock, route, metrics, acks } = setup({}, sink);
  for (const r of lines('m', 5, acks)) route.offer(r);
  clock.advance(1000);
  await settleMicrotasks();
  assert.equal(await metricValue(metrics, 'sluice_lines_sent_total', { route: 'r1' }), 3);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'rejected' }), 2);
  assert.equal(acks.open(), 0);
  assert.equal(route.status().dropped, 2);
});
