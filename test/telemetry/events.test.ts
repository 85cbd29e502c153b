import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/telemetry/logger.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { Events } from '../../src/telemetry/events.js';

function setup() {
  const lines: any[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      cb();
    },
  });
  const logger = createLogger('debug', dest as any);
  const metrics = createMetrics();
  const events = new Events({ logger, metrics });
  const value = async (name: string, labels: Record<string, string> = {}) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
  return { lines, events, value };
}

const tick = () => new Promise((r) => setImmediate(r));

test('container attached / detached: counted and logged with the short id', async () => {
  const { lines, events, value } = setup();
  const info = { id: 'f'.repeat(64), name: 'web', image: 'img', labels: {}, hostname: 'h', tty: false, logDriver: 'json-file', logspoutIgnore: false };
  events.containerAttached(info);
  events.containerDetached(info, 'eof');
  assert.equal(await value('sluice_container_events_total', { event: 'attached' }), 1);
  assert.equal(await value('sluice_container_events_total', { event: 'detached' }), 1);
  await tick();
  assert.deepEqual(lines.map((l) => l.level), ['info', 'info']);
  assert.deepEqual([lines[1].container, lines[1].id, lines[1].reason], ['web', 'f'.repeat(12), 'eof']);
});
