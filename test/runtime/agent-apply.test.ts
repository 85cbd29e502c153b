/**
 * Agent.apply, the diff the reloader hands over: per route (kept, rebuilt, retired, added) and per
 * global key (hostname, tags, log_level, api, containers applied live; docker and state_dir refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from '../../src/runtime/agent.js';
import type { Sink } from '../../src/sinks/sink.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { TEST_CONTAINER } from '../helpers/records.js';
import { captureLogger, load } from './helpers.js';

const FILE = '/cfg/sluice.yaml';
const base = (over: { top?: string; routes?: string } = {}) =>
  `version: 1\nstate_dir: null\napi: null\ndocker: { host: "unix:///tmp/sluice-no-engine.sock" }\n${over.top ?? ''}routes:\n${
    over.routes ?? '  - { name: keep, destination: { type: console } }\n  - { name: edit, destination: { type: console } }\n  - { name: gone, destination: { type: console } }\n'
  }`;

async function agentFor(text: string) {
  const closed: string[] = [];
  const log = captureLogger('info');
  const sinkFactory = (rc: { name: string }): Sink => ({ send: async () => ({ kind: 'ok' }), close: async () => void closed.push(rc.name) });
  const agent = new Agent(await load(text, FILE), { logger: log.logger, metrics: createMetrics(), sinkFactory });
  return { agent, closed, log };
}

test('routes: unchanged kept (same object), changed rebuilt, removed retired and closed, added built', async () => {
  const { agent, closed } = await agentFor(base());
  const keep = agent.routes.get('keep');
  const edit = agent.routes.get('edit');
  const r = await agent.apply(
    await load(base({ routes: '  - { name: keep, destination: { type: console } }\n  - { name: edit, destination: { type: console, format: json } }\n  - { name: new, destination: { type: console } }\n' }), FILE),
  );
  assert.deepEqual(r, { ok: true, summary: '+1 ~1 -1 routes', globalChanged: [] });
  assert.equal(agent.routes.get('keep'), keep);
  assert.notEqual(agent.routes.get('edit'), edit);
  assert.deepEqual([...agent.routes.keys()], ['keep', 'edit', 'new']);
  assert.deepEqual(agent.router.table.routes.map((t) => t.input), [...agent.routes.values()]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(closed.sort(), ['edit', 'gone'], 'the old edit and gone drained and closed; keep untouched');
});

test('hostname and tags: the new table renders them for every container', async () => {
  const { agent } = await agentFor(base({ top: 'hostname: old-host\ntags: [t1]\n' }));
  assert.equal(agent.router.table.plan(TEST_CONTAINER).host, 'old-host');
  const r = await agent.apply(await load(base({ top: 'hostname: "new-{{ container.name }}"\ntags: [t2]\n' }), FILE));
  assert.ok(r.ok);
  assert.deepEqual(r.globalChanged, ['hostname', 'tags']);
  const plan = agent.router.table.plan(TEST_CONTAINER);
  assert.equal(plan.host, 'new-web-1');
  assert.ok(plan.stdout.tags[0]!.includes('t2') && !plan.stdout.tags[0]!.includes('t1'), JSON.stringify(plan.stdout.tags));
});

test('log_level sets the logger level; api and containers changes are applied and reported', async () => {
  const { agent, log } = await agentFor(base());
  assert.equal(log.logger.level, 'info');
  const r = await agent.apply(await load(base({ top: 'log_level: debug\ncontainers: { opt_in: true }\n' }).replace('api: null', 'api: { listen: "127.0.0.1:9999" }'), FILE));
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.globalChanged.sort(), ['api', 'containers', 'log_level']);
  assert.equal(log.logger.level, 'debug');
  assert.equal(agent.config.containers.optIn, true);
});

test('docker and state_dir changes are refused with the reason; the running config stays', async () => {
  const { agent } = await agentFor(base());
  const before = agent.config;
  const keep = agent.routes.get('keep');
  const d = await agent.apply(await load(base({ routes: '  - { name: keep, destination: { type: console } }\n' }).replace('sluice-no-engine.sock', 'other.sock'), FILE));
  assert.equal(d.ok, false);
  assert.match(!d.ok ? d.reason : '', /^docker: .*needs a restart$/);
  const s = await agent.apply(await load(base().replace('state_dir: null', 'state_dir: /var/lib/elsewhere'), FILE));
  assert.deepEqual(s, { ok: false, reason: 'state_dir: changing it needs a restart' });
  assert.equal(agent.config, before);
  assert.equal(agent.routes.get('keep'), keep);
  assert.equal(agent.routes.size, 3);
});

test('apply after stop is refused', async () => {
  const { agent } = await agentFor(base());
  await agent.stop();
  // A never-started agent goes straight to stopped.
  assert.deepEqual(await agent.apply(await load(base({ routes: '  - { name: x, destination: { type: console } }\n' }), FILE)), { ok: false, reason: 'the agent is stopping' });
});
