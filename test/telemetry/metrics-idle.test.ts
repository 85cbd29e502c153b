/**
 * Nothing to do costs nothing: prom-client's event loop delay histogram (a libuv timer every 10 ms)
 * starts on the first scrape, not when the metrics are registered; once started it reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { eventLoopMonitorStarted } from '../../src/telemetry/prom-client.js';

test('the event loop delay histogram samples only from the first scrape on', async () => {
  const m = createMetrics({ defaultMetrics: true, version: 'test' });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(eventLoopMonitorStarted(), false);
  await m.registry.metrics(); // the first scrape
  assert.equal(eventLoopMonitorStarted(), true);
  // Keep the loop busy for a while, then scrape again: the histogram has samples.
  const until = Date.now() + 300;
  while (Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  const text = await m.registry.metrics();
  const p99 = Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1]);
  assert.ok(p99 > 0 && p99 < 10, `p99 ${p99}`);
  for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_min_seconds', 'nodejs_eventloop_lag_max_seconds', 'nodejs_eventloop_lag_mean_seconds']) assert.match(text, new RegExp(`^${name} `, 'm'));
});
