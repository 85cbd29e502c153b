import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../src/delivery/route.js';
import type { SendResult } from '../../src/sinks/sink.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, FakeSink, captureLogger, lines, metricValue, routeConfig, settleMicrotasks, type RouteConfigPatch } from './helpers.js';

const r503: SendResult = { kind: 'retryable', error: 'http_5xx', detail: 'HTTP 503 Service Unavailable' };
const ok: SendResult = { kind: 'ok' };

function setup(patch: RouteConfigPatch, sink: FakeSink, clock = new ManualClock()) {
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const cap = captureLogger();
  const route = new Route({ config: routeConfig(patch), sink, clock, metrics, logger: cap.logger, random: () => 1 });
  return { clock, metrics, acks, route, sink, logs: cap.lines };
}

/** Advances the clock in steps, letting sink answers run, until `done` or the step budget runs out. */
async function runUntil(clock: ManualClock, done: () => boolean, stepMs = 100, maxSteps = 10_000): Promise<void> {
  for (let i = 0; i < maxSteps && !done(); i++) {
    await settleMicrotasks();
    if (done()) break;
    clock.advance(stepMs);
  }
  await settleMicrotasks();
}

test('503s, then 429 with Retry-After, then ok: every record exactly once, in order; backoff and afterMs honoured', async () => {
  const clock = new ManualClock();
  const sink = new FakeSink([r503, r503, r503, { kind: 'retryable', error: 'http_429', detail: 'HTTP 429', afterMs: 7000 }], { now: () => clock.now() });
  const { route, metrics, acks, logs } = setup({ flush: { maxLines: 1000 }, retry: { initialBackoffMs: 500, maxBackoffMs: 30_000 } }, sink, clock);
  const records = lines('n', 2500, acks);
  for (const r of records) route.offer(r);
  await runUntil(clock, () => sink.delivered.length === 2500, 50);

  assert.deepEqual(sink.delivered, records.map((r) => r.line), 'exactly once, in order');
  // Attempts: batch 1 fails 4 times (3×503, 429) then goes; batches 2 and 3 go first time.
  assert.deepEqual(sink.attempts.map((a) => a.lines[0]), ['n0', 'n0', 'n0', 'n0', 'n0', 'n1000', 'n2000']);
  const gaps = sink.attempts.slice(1, 5).map((a, i) => a.at - sink.attempts[i]!.at);
  // random() = 1 → the top of each jitter window: 500, 1000, 2000; then the server's 7000.
  // (The clock advances in 50 ms steps, so each retry fires at the first step at or after it is due.)
  assert.deepEqual(gaps, [500, 1000, 2000, 7000]);

  assert.equal(acks.errors, 0, 'no record settled twice');
  assert.equal(acks.open(), 0, 'every record settled');
  assert.equal(await metricValue(metrics, 'sluice_lines_sent_total', { route: 'r1' }), 2500);
  assert.equal(await metricValue(metrics, 'sluice_retries_total', { route: 'r1' }), 4);
  assert.equal(await metricValue(metrics, 'sluice_send_errors_total', { route: 'r1', kind: 'http_5xx' }), 3);
  assert.equal(await metricValue(metrics, 'sluice_send_errors_total', { route: 'r1', kind: 'http_429' }), 1);
  assert.equal(await metricValue(metrics, 'sluice_batch_send_seconds', { route: 'r1' }, 'sluice_batch_send_seconds_count'), 7);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'retries_exhausted' }), 0);

  // One log line per state change: ok → retrying, retrying → failing (3rd failure), → recovered.
  const msgs = logs.map((l) => `${String(l.level)} ${String(l.msg)}`);
  assert.equal(msgs.length, 3, msgs.join('\n'));
  assert.match(msgs[0]!, /^40 .*retried/);
  assert.match(msgs[1]!, /^40 .*still failing/);
  assert.match(msgs[2]!, /^30 .*recovered/);
  assert.equal(route.status().state, 'ok');
});

test('while retrying, status reports the state and the last error', async () => {
  const sink = new FakeSink([], { fallback: r503 });
  const { clock, route, acks } = setup({ flush: { maxLines: 1 } }, sink);
  route.offer(lines('x', 1, acks)[0]!);
  await settleMicrotasks();
  let s = route.status();
  assert.equal(s.state, 'retrying');
  assert.equal(s.consecutiveFailures, 1);
  assert.equal(s.lastError, 'http_5xx: HTTP 503 Service Unavailable');
  assert.equal(s.inFlight, 1);
  await runUntil(clock, () => sink.attempts.length >= 3);
  s = route.status();
  assert.equal(s.state, 'failing');
  assert.equal(acks.open(), 1, 'a record being retried is still held');
});

test('retry.max_attempts exhausted: the batch is dropped, counted, logged at error; the next batch goes through', async () => {
  const sink = new FakeSink([r503, r503, r503]);
  const { clock, route, metrics, acks, logs } = setup({ flush: { maxLines: 4 }, retry: { maxAttempts: 3 } }, sink);
  for (const r of lines('a', 4, acks)) route.offer(r);
  for (const r of lines('b', 4, acks)) route.offer(r);
  await runUntil(clock, () => sink.delivered.length === 4);
  assert.equal(sink.attempts.length, 4, 'three attempts of batch a, one of batch b');
  assert.deepEqual(sink.delivered, ['b0', 'b1', 'b2', 'b3']);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'retries_exhausted' }), 4);
  assert.equal(await metricValue(metrics, 'sluice_retries_total', { route: 'r1' }), 2);
  assert.equal(acks.open(), 0, 'dropped records are settled too (dropped by policy)');
  assert.equal(acks.errors, 0);
  const errors = logs.filter((l) => l.level === 50);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.lines, 4);
  assert.equal(route.status().dropped, 4);
});

test('a permanent answer drops the batch (rejected), logs the detail, and later batches go through', async () => {
  const sink = new FakeSink([{ kind: 'permanent', error: 'http_4xx', detail: 'HTTP 400: {"error":"bad field"}' }, ok]);
  const { clock, route, metrics, acks, logs } = setup({ flush: { maxLines: 3 } }, sink);
  for (const r of lines('p', 6, acks)) route.offer(r);
  await runUntil(clock, () => sink.attempts.length === 2);
  assert.deepEqual(sink.delivered, ['p3', 'p4', 'p5']);
  assert.equal(sink.attempts.length, 2, 'a permanent failure is never retried');
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'rejected' }), 3);
  assert.equal(await metricValue(metrics, 'sluice_send_errors_total', { route: 'r1', kind: 'http_4xx' }), 1);
  assert.equal(await metricValue(metrics, 'sluice_retries_total', { route: 'r1' }), 0);
  assert.equal(acks.open(), 0);
  const err = logs.find((l) => l.level === 50);
  assert.equal(err?.detail, 'HTTP 400: {"error":"bad field"}');
  assert.equal(route.status().state, 'ok', 'recovered once a batch went through');
});

test('a sink that throws or rejects (a bug) is counted, logged with its stack once, its batch dropped as permanent, never retried', async () => {
  let n = 0;
  const sink = new FakeSink();
  const bad = {
    send: (b: Parameters<FakeSink['send']>[0], s: AbortSignal) => {
      n++;
      if (n === 1) throw new Error('boom');
      if (n === 2) return Promise.reject(new Error('bang'));
      return sink.send(b, s);
    },
    close: () => sink.close(),
  };
  const clock = new ManualClock();
  const metrics = createMetrics();
  const acks = new CountingAcks();
  const cap = captureLogger();
  // The default max_attempts (0: forever) is exactly what a retried bug would spin on.
  const route = new Route({ config: routeConfig({ flush: { maxLines: 2 } }), sink: bad, clock, metrics, logger: cap.logger });
  for (const r of lines('t', 6, acks)) route.offer(r);
  await runUntil(clock, () => sink.delivered.length === 2);
  await runUntil(clock, () => false, 100, 100); // time for any retry to show up
  assert.equal(n, 3, 'three sends: no batch was sent twice');
  assert.deepEqual(sink.delivered, ['t4', 't5'], 'the batches the sink threw on are dropped, the next one goes');
  assert.equal(await metricValue(metrics, 'sluice_send_errors_total', { route: 'r1', kind: 'bug' }), 2);
  assert.equal(await metricValue(metrics, 'sluice_send_errors_total', { route: 'r1', kind: 'network' }), 0);
  assert.equal(await metricValue(metrics, 'sluice_lines_dropped_total', { route: 'r1', reason: 'sink_bug' }), 4);
  assert.equal(await metricValue(metrics, 'sluice_retries_total', { route: 'r1' }), 0);
  assert.equal(acks.open(), 0, 'dropped lines are settled (permanent), so the checkpoint moves on');
  const stacks = cap.lines.filter((l) => typeof (l.err as { stack?: string } | undefined)?.stack === 'string');
  assert.equal(stacks.length, 1, 'the stack is logged once');
  assert.match((stacks[0]!.err as { stack: string }).stack, /boom/);
  assert.equal(cap.lines.filter((l) => l.level === 50 && l.reason === undefined && l.kind === 'bug').length, 2, 'each dropped batch logged');
});

test('backoff grows exponentially up to max_backoff, with jitter in [delay/2, delay]', async () => {
  for (const rnd of [0, 1]) {
    const clock = new ManualClock();
    const sink: FakeSink = new FakeSink([], { fallback: r503, now: () => clock.now() });
    const metrics = createMetrics();
    const acks = new CountingAcks();
    const route = new Route({
      config: routeConfig({ flush: { maxLines: 1 }, retry: { initialBackoffMs: 100, maxBackoffMs: 1000, maxAttempts: 7 } }),
      sink,
      clock,
      metrics,
      logger: captureLogger().logger,
      random: () => rnd,
    });
    route.offer(lines('z', 1, acks)[0]!);
    await runUntil(clock, () => sink.attempts.length === 7, 10);
    const gaps: number[] = sink.attempts.slice(1).map((a: { at: number }, i: number) => a.at - sink.attempts[i]!.at);
    const full = [100, 200, 400, 800, 1000, 1000];
    assert.deepEqual(gaps, rnd === 1 ? full : full.map((d) => d / 2));
  }
});
