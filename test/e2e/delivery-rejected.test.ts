/**
 * Issue 5, must show 4: the destination answers one batch with 400. That batch is dropped (not
 * retried), counted in sluice_lines_dropped_total{reason="rejected"} and sluice_send_errors_total,
 * logged with the response body; the batches after it go through. Agent in-process, real engine.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from '../../src/config/load.js';
import { Agent } from '../../src/runtime/agent.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { TestDocker, DOCKER_HOST, hasDocker, waitFor } from '../helpers/docker.js';
import { IngestServer, numbered } from '../helpers/ingest-server.js';

const N = 3_000;
const td = new TestDocker();
let agent: Agent | undefined;
let ingest: IngestServer | undefined;

after(async () => {
  await agent?.stop();
  await ingest?.close();
  await td.cleanup();
});

test('a 400 answer drops that batch and counts it; later batches go through', { skip: !hasDocker }, async (t) => {
  ingest = await IngestServer.start();
  ingest.script({ status: 200 }, { status: 400, body: 'field "line" rejected by policy' });
  const loaded = await loadConfigText(
    `
version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: null
api: null
shutdown_timeout: 2s
routes:
  - name: strict
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: http, url: "${ingest.url}" }
    flush: { interval: 200ms, max_lines: 500 }
    retry: { initial_backoff: 100ms, max_backoff: 1s }
`,
    '/tmp/sluice-rejected.yaml',
    {},
  );
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const metrics = createMetrics();
  const logs: string[] = [];
  agent = new Agent(loaded.config, { logger: createLogger('info', { write: (s: string) => void logs.push(s) }), metrics });
  await agent.start();
  const name = td.name('rejected');
  await td.run({ name, script: `seq 1 ${N} | sed 's/^/r/'` });

  const value = async (m: typeof metrics.linesDropped | typeof metrics.sendErrors, labels: Record<string, string>) =>
    (await m.get()).values.filter((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x)).reduce((n, v) => n + v.value, 0);
  const rejected = () => value(metrics.linesDropped, { route: 'strict', reason: 'rejected' });
  const ok = await waitFor(async () => ingest!.count(name) + (await rejected()) >= N, 60_000);
  assert.ok(ok, `delivered ${ingest.count(name)} + rejected ${await rejected()} < ${N}\n${logs.slice(-10).join('')}`);
  await new Promise((r) => setTimeout(r, 500)); // a retry of the rejected batch would show up here

  const bad = ingest.requests[1]!;
  t.diagnostic(`requests: ${ingest.requests.map((r) => `${r.status}×${r.lines}`).join(' ')}`);
  assert.equal(bad.status, 400);
  assert.ok(bad.lines > 0);
  assert.equal(await rejected(), bad.lines, 'the rejected batch is counted as dropped, reason rejected');
  assert.equal(await value(metrics.sendErrors, { route: 'strict', kind: 'http_4xx' }), 1);
  assert.equal(await value(metrics.linesDropped, { route: 'strict' }), bad.lines, 'no other drops');
  assert.equal(ingest.requests.filter((r) => r.status === 400).length, 1, 'the rejected batch was not retried');

  // The rejected batch is a contiguous run of lines; everything else arrived once, in order.
  const from = Number(bad.first!.line.slice(1));
  const to = Number(bad.last!.line.slice(1));
  assert.equal(to - from + 1, bad.lines);
  assert.ok(to < N, 'batches after the rejected one exist');
  assert.deepEqual(ingest.texts(name), [...numbered('r', from - 1), ...numbered('r', N, to + 1)]);
  assert.equal(ingest.duplicates(name), 0);
  assert.ok(ingest.requests.slice(2).every((r) => r.status === 200));

  const entry = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'The destination rejected a batch; it was dropped and will not be retried.');
  assert.ok(entry, 'the drop is logged');
  assert.equal(entry.level, 'error');
  assert.equal(entry.lines, bad.lines);
  assert.match(String(entry.detail), /HTTP 400: field "line" rejected by policy/);
});
