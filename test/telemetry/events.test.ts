import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/telemetry/logger.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { Events } from '../../src/telemetry/events.js';
import { ManualClock } from '../../src/util/clock.js';

function setup(windowMs = 60_000) {
  const lines: any[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      cb();
    },
  });
  const logger = createLogger('debug', dest as any);
  const metrics = createMetrics();
  const clock = new ManualClock();
  const events = new Events({ logger, metrics, clock, windowMs });
  const value = async (name: string, labels: Record<string, string> = {}) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
  return { lines, events, clock, value };
}

const tick = () => new Promise((r) => setImmediate(r));

test('repeated drops: every line counted, one log per window per route and reason, with the number suppressed', async () => {
  const { lines, events, clock, value } = setup(1000);
  for (let i = 0; i < 5; i++) events.lineDropped('a', 'buffer_full', 2);
  events.lineDropped('b', 'buffer_full', 1);
  clock.advance(999);
  events.lineDropped('a', 'buffer_full', 1);
  clock.advance(1);
  events.lineDropped('a', 'buffer_full', 3);
  await tick();
  assert.equal(await value('sluice_lines_dropped_total', { route: 'a', reason: 'buffer_full' }), 14);
  assert.equal(await value('sluice_lines_dropped_total', { route: 'b', reason: 'buffer_full' }), 1);
  const logged = lines.filter((l) => l.msg === 'Dropped lines.').map((l) => [l.route, l.lines, l.suppressed, l.level]);
  assert.deepEqual(logged, [
    ['a', 2, undefined, 'error'],
    ['b', 1, undefined, 'error'],
    ['a', 3, 5, 'error'],
  ]);
});

test('batch failures are counted per kind and rate-limited per route', async () => {
  const { lines, events, clock, value } = setup(1000);
  events.batchFailed('r', 'timeout', 'no answer in 10s', 1);
  events.batchFailed('r', 'http_5xx', '503', 2);
  clock.advance(1000);
  events.batchFailed('r', 'http_5xx', '503', 3);
  await tick();
  assert.equal(await value('sluice_send_errors_total', { route: 'r', kind: 'http_5xx' }), 2);
  assert.equal(await value('sluice_send_errors_total', { route: 'r', kind: 'timeout' }), 1);
  assert.deepEqual(lines.filter((l) => l.msg === 'Sending a batch failed.').map((l) => [l.kind, l.attempt, l.suppressed, l.level]), [
    ['timeout', 1, undefined, 'warn'],
    ['http_5xx', 3, 1, 'warn'],
  ]);
});

test('docker lost is logged once per window until it reconnects; reconnecting resets the limiter', async () => {
  const { lines, events, value } = setup();
  events.dockerLost('ENOENT');
  events.dockerLost('ENOENT');
  events.dockerLost('ENOENT');
  assert.equal(await value('sluice_docker_connected'), 0);
  events.dockerConnected('unix:///var/run/docker.sock', '1.47');
  assert.equal(await value('sluice_docker_connected'), 1);
  events.dockerLost('ECONNRESET');
  await tick();
  assert.deepEqual(lines.map((l) => [l.level, l.msg, l.err ?? l.api]), [
    ['warn', 'Lost the Docker engine; reconnecting with backoff', 'ENOENT'],
    ['info', 'Connected to the Docker engine', '1.47'],
    ['warn', 'Lost the Docker engine; reconnecting with backoff', 'ECONNRESET'],
  ]);
});

test('reload applied / rejected set the counters and the last-reload gauge; container events count', async () => {
  const { lines, events, value } = setup();
  events.reloadApplied('a'.repeat(64), '+1 ~0 -0 routes');
  assert.equal(await value('sluice_config_reloads_total'), 1);
  assert.equal(await value('sluice_config_last_reload_successful'), 1);
  events.reloadRejected('/etc/sluice/sluice.yaml', ['x.yaml:3:4: routes[0].name: required key is missing']);
  assert.equal(await value('sluice_config_reload_failures_total'), 1);
  assert.equal(await value('sluice_config_last_reload_successful'), 0);
  const info = { id: 'f'.repeat(64), name: 'web', image: 'img', labels: {}, hostname: 'h', tty: false, logDriver: 'json-file', logspoutIgnore: false };
  events.containerAttached(info);
  events.containerDetached(info, 'eof');
  assert.equal(await value('sluice_container_events_total', { event: 'attached' }), 1);
  assert.equal(await value('sluice_container_events_total', { event: 'detached' }), 1);
  await tick();
  assert.deepEqual(lines.map((l) => l.level), ['info', 'error', 'info', 'info']);
  assert.equal(lines[0].hash, 'a'.repeat(12));
  assert.deepEqual(lines[1].errors, ['x.yaml:3:4: routes[0].name: required key is missing']);
  assert.deepEqual([lines[3].container, lines[3].id, lines[3].reason], ['web', 'f'.repeat(12), 'eof']);
});
