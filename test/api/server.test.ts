import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { startApiServer, type ApiServer } from '../../src/api/server.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { Secret } from '../../src/util/secret.js';
import { FakeAgent, container, loadYaml } from './fake-agent.js';
import { FakeSink } from '../delivery/helpers.js';

const TOKEN = 'tok-0123456789abcdef';
const YAML = `
version: 1
state_dir: null
routes:
  - name: web
    match: { name: ["web-*"] }
    destination: { type: console }
    buffer: { max_lines: 100, max_bytes: 10000 }
    flush: { max_lines: 1000, interval: 1h }
  - name: errors
    match: { source: [stderr] }
    filter: { include: ["/ERROR/"] }
    destination: { type: console }
`;

async function serve(agent: FakeAgent, token: string | null = null, extra: { liveMaxQueuedBytes?: number } = {}): Promise<{ api: ApiServer; base: string }> {
  const api = await startApiServer(
    { listen: '127.0.0.1:0', token: token === null ? null : new Secret(token), allowInsecureListen: false },
    { agent, metrics: agent.metrics, logger: silentLogger(), version: '9.9.9', ...extra },
  );
  return { api, base: `http://127.0.0.1:${api.address.port}` };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

test('without a token: healthz, readyz (503 with a reason until Docker is reachable), status, metrics, 404, 405', async (t) => {
  const agent = new FakeAgent(await loadYaml(YAML));
  const { api, base } = await serve(agent);
  t.after(() => api.close());

  const h = await fetch(`${base}/healthz`);
  assert.equal(h.status, 200);

  let r = await fetch(`${base}/readyz`);
  assert.equal(r.status, 503);
  const body = (await r.json()) as { reasons: string[] };
  assert.match(body.reasons.join(), /Docker engine not reachable/);
  agent.source.connected = true;
  r = await fetch(`${base}/readyz`);
  assert.equal(r.status, 200);
  // An unwritable state_dir: not ready, and the reason says so.
  agent.checkpointProblem = 'state_dir /var/lib/sluice is not writable by uid 10001 (EACCES): checkpoints are not saved';
  r = await fetch(`${base}/readyz`);
  assert.equal(r.status, 503);
  assert.deepEqual(((await r.json()) as { reasons: string[] }).reasons, [agent.checkpointProblem]);
  agent.checkpointProblem = null;
  assert.equal((await fetch(`${base}/readyz`)).status, 200);

  // A route holding 3 lines of 5 bytes (flush interval 1h: they stay buffered).
  const web = container('web-1', { team: 'a' });
  agent.attach(web, 2.5);
  agent.attach(container('db-1'), 0);
  for (let i = 0; i < 3; i++) agent.routes.get('web')!.offer({ time: 't', line: `l-${i}xx`, source: 'stdout', container: web, host: 'h', tags: [], truncated: false, acks: [] });

  const s = (await (await fetch(`${base}/status`)).json()) as any;
  assert.equal(s.version, '9.9.9');
  assert.equal(s.config.hash, agent.config.hash);
  assert.equal(s.config.file, agent.config.file);
  assert.equal(s.config.lastReload, null);
  assert.equal(s.docker.connected, true);
  const route = s.routes.find((x: any) => x.name === 'web');
  assert.deepEqual(route.buffer, { lines: 3, maxLines: 100, bytes: 15, maxBytes: 10000, fill: 0.03 });
  assert.equal(route.state, 'ok');
  assert.equal(route.sent, 0);
  assert.deepEqual(s.containers, [
    { name: 'db-1', id: 'db-100000000', image: 'img/db-1:1', checkpointLagSeconds: 0 },
    { name: 'web-1', id: 'web-10000000', image: 'img/web-1:1', checkpointLagSeconds: 2.5 },
  ]);

  let m = await (await fetch(`${base}/metrics`)).text();
  assert.match(m, /^sluice_buffer_lines\{route="web"\} 3$/m);
  assert.match(m, /^sluice_buffer_bytes\{route="web"\} 15$/m);
  assert.match(m, /^sluice_checkpoint_lag_seconds\{container="web-1"\} 2\.5$/m);
  assert.match(m, /^sluice_docker_connected 1$/m);
  assert.match(m, /^sluice_build_info\{version="9\.9\.9",node="[\d.]+"\} 1$/m);
  for (const name of ['sluice_lines_sent_total', 'sluice_lines_dropped_total', 'sluice_containers_attached', 'sluice_config_reloads_total', 'sluice_config_reload_failures_total', 'sluice_config_last_reload_successful', 'sluice_batch_send_seconds', 'sluice_bytes_sent_total']) {
    assert.ok(m.includes(`# TYPE ${name} `), name);
  }
  // A container Docker removed leaves no series behind.
  agent.containers.delete(web.id);
  m = await (await fetch(`${base}/metrics`)).text();
  assert.doesNotMatch(m, /container="web-1"/);
  assert.match(m, /container="db-1"/);

  assert.equal((await fetch(`${base}/nope`)).status, 404);
  assert.equal((await fetch(`${base}/status`, { method: 'POST' })).status, 405);
});

test('with a token: every endpoint but /healthz and /readyz answers 401 without it or with a wrong one, 200 with it', async (t) => {
  const agent = new FakeAgent(await loadYaml(YAML));
  agent.source.connected = true;
  const { api, base } = await serve(agent, TOKEN);
  t.after(() => api.close());

  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  // Kubernetes probes cannot send the token: /readyz answers without it (ready or not, and why; nothing else).
  const ready = await fetch(`${base}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ready' });
  agent.source.connected = false;
  const notReady = await fetch(`${base}/readyz`, { headers: bearer('wrong') });
  assert.equal(notReady.status, 503);
  assert.deepEqual(Object.keys((await notReady.json()) as object).sort(), ['reasons', 'status']);
  agent.source.connected = true;
  for (const path of ['/metrics', '/status', '/logs']) {
    const none = await fetch(`${base}${path}`);
    assert.equal(none.status, 401, path);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    await none.body?.cancel();
    for (const wrong of [bearer('tok-0123456789abcdeX'), bearer(TOKEN.slice(0, -1)), { authorization: `Basic ${TOKEN}` }, { authorization: TOKEN }]) {
      const w = await fetch(`${base}${path}`, { headers: wrong });
      assert.equal(w.status, 401, `${path} ${wrong.authorization}`);
      await w.body?.cancel();
    }
  }
  for (const path of ['/readyz', '/metrics', '/status']) {
    const ok = await fetch(`${base}${path}`, { headers: bearer(TOKEN) });
    assert.equal(ok.status, 200, path);
    assert.ok(!(await ok.text()).includes(TOKEN), `${path} shows the token`);
  }
  const logs = await fetch(`${base}/logs`, { headers: { authorization: `bearer ${TOKEN}` } });
  assert.equal(logs.status, 200);
  await logs.body?.cancel();
});

test('without a token the server refuses a non-loopback listen address unless allow_insecure_listen', async () => {
  const agent = new FakeAgent(await loadYaml(YAML));
  const opts = { agent, metrics: agent.metrics, logger: silentLogger(), version: '0' };
  for (const listen of ['0.0.0.0:0', ':0', '[::]:0', '10.1.2.3:0']) {
    await assert.rejects(startApiServer({ listen, token: null, allowInsecureListen: false }, opts), /without api\.token/, listen);
  }
  for (const api of [
    { listen: '0.0.0.0:0', token: null, allowInsecureListen: true },
    { listen: '0.0.0.0:0', token: new Secret(TOKEN), allowInsecureListen: false },
    { listen: 'localhost:0', token: null, allowInsecureListen: false },
  ]) {
    const s = await startApiServer(api, opts);
    await s.close();
  }
});

test('/status and /metrics never show a secret, even one quoted in a route error', async (t) => {
  const env = { KEY: 'mezmo-key-0123456789abcdef', HDR: 's3cr3t-header-value-42' };
  const cfg = await loadYaml(
    `
version: 1
state_dir: null
routes:
  - name: mezmo
    destination: { type: mezmo, key: \${KEY}, url: "http://127.0.0.1:1/logs/ingest" }
    retry: { max_attempts: 1 }
    flush: { max_lines: 1 }
  - name: archive
    destination:
      type: http
      url: "http://127.0.0.1:1/ingest"
      headers: { Authorization: "Bearer \${HDR}" }
    flush: { max_lines: 1 }
    retry: { max_attempts: 1 }
  - name: basic
    destination: { type: http, url: "http://user:hunter2-password@127.0.0.1:1/ingest" }
    flush: { max_lines: 1 }
    retry: { max_attempts: 1 }
`,
    env,
  );
  // The sinks answer with errors that quote the secrets, the worst a destination could do.
  const quoting = () => new FakeSink([], { fallback: { kind: 'permanent', error: 'http_4xx', detail: `400 bad key ${env.KEY} for Bearer ${env.HDR} at http://user:hunter2-password@127.0.0.1:1/` } });
  const agent = new FakeAgent(cfg, quoting);
  const { api, base } = await serve(agent);
  t.after(() => api.close());
  const c = container('x');
  for (const r of agent.routes.values()) r.offer({ time: 't', line: 'l', source: 'stdout', container: c, host: 'h', tags: [], truncated: false, acks: [] });
  await new Promise((r) => setImmediate(r));
  const status = await (await fetch(`${base}/status`)).text();
  assert.match(status, /"lastError": "http_4xx: 400 bad key \[redacted\] for \[redacted\] at http:\/\/user:\[redacted\]@127\.0\.0\.1:1\/"/);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  for (const text of [status, metrics]) {
    for (const secret of [env.KEY, env.HDR, 'hunter2-password']) assert.ok(!text.includes(secret), `${secret} leaked`);
  }
});

/** Opens /logs and collects what arrives; `pause` stops reading (a slow client). */
function openLogs(base: string, query: string, headers: Record<string, string> = {}) {
  const out = { text: '', status: 0, type: '', res: null as import('node:http').IncomingMessage | null };
  const ready = new Promise<void>((resolve, reject) => {
    const req = get(`${base}/logs${query}`, { headers }, (res) => {
      out.status = res.statusCode!;
      out.type = String(res.headers['content-type']);
      out.res = res;
      res.setEncoding('utf8').on('data', (d: string) => (out.text += d));
      resolve();
    });
    req.on('error', reject);
  });
  return { out, ready, close: () => out.res?.destroy() };
}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

test('/logs: filters by name, label, source and route; NDJSON or text by Accept; the tap is off without clients', async (t) => {
  const agent = new FakeAgent(await loadYaml(YAML));
  const { api, base } = await serve(agent);
  t.after(() => api.close());
  const web1 = container('web-1', { team: 'a', tier: 'front' });
  const web2 = container('web-2', { team: 'b' });
  const db = container('db-1', { team: 'a' });
  assert.equal(agent.tap, null);

  const byName = openLogs(base, '?name=web-1', { accept: 'application/x-ndjson' });
  const byLabel = openLogs(base, '?label=team=a&label=tier');
  const bySource = openLogs(base, '?source=stderr&name=' + encodeURIComponent('/^(web|db)-/'), { accept: 'application/json' });
  const byRoute = openLogs(base, '?route=errors');
  const all = openLogs(base, '');
  const streams = [byName, byLabel, bySource, byRoute, all];
  await Promise.all(streams.map((s) => s.ready));
  assert.equal(api.live.clients, 5);
  assert.notEqual(agent.tap, null);

  agent.emit(web1, 'one');
  agent.emit(web2, 'two ERROR', 'stderr');
  agent.emit(db, 'three ERROR', 'stderr');
  agent.emit(db, 'four', 'stderr');
  agent.emit(web1, 'five\u0007bell', 'stdout');
  await until(() => all.out.text.split('\n').length > 5);

  assert.match(byName.out.type, /application\/x-ndjson/);
  assert.match(byLabel.out.type, /text\/plain/);
  const ndjson = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(ndjson(byName.out.text).map((r) => [r.container.name, r.source, r.line]), [['web-1', 'stdout', 'one'], ['web-1', 'stdout', 'five\u0007bell']]);
  assert.equal(byLabel.out.text, 'web-1 stdout | one\nweb-1 stdout | five\\x07bell\n');
  assert.deepEqual(ndjson(bySource.out.text).map((r) => r.line), ['two ERROR', 'three ERROR', 'four']);
  assert.equal(byRoute.out.text, 'web-2 stderr | two ERROR\ndb-1 stderr | three ERROR\n');
  assert.equal(all.out.text.trim().split('\n').length, 5);

  assert.equal((await fetch(`${base}/logs?source=stdin`)).status, 400);
  assert.equal((await fetch(`${base}/logs?name=/(/`)).status, 400);

  for (const s of streams) s.close();
  await until(() => api.live.clients === 0);
  assert.equal(agent.tap, null, 'the tap is off again with no client');
});

test('/logs: a client that stops reading never slows the agent; its lines are dropped, counted, and it is told', async (t) => {
  const agent = new FakeAgent(await loadYaml(YAML));
  const { api, base } = await serve(agent, null, { liveMaxQueuedBytes: 64 * 1024 });
  t.after(() => api.close());
  const slow = openLogs(base, '');
  await slow.ready;
  slow.out.res!.pause();
  const c = container('web-1');
  const line = 'x'.repeat(1000);
  const n = 20_000; // 20 MB: far beyond the per-client bound and what the sockets buffer
  const started = performance.now();
  for (let i = 0; i < n; i++) agent.emit(c, line);
  const ms = performance.now() - started;
  assert.ok(ms < 5000, `publishing took ${ms} ms`);
  const dropped = (await agent.metrics.registry.getSingleMetric('sluice_api_logs_dropped_total')!.get()).values[0]!.value;
  assert.ok(dropped > n / 2 && dropped < n, `dropped ${dropped}`);
  slow.out.res!.resume();
  await new Promise((r) => setTimeout(r, 100));
  agent.emit(c, 'after');
  await until(() => slow.out.text.endsWith('web-1 stdout | after\n'));
  const got = slow.out.text.split('\n');
  got.pop();
  assert.equal(got.at(-2), `# sluice: ${dropped} lines dropped (this client read too slowly)`);
  // Every line is accounted for: received whole, in order, or counted as dropped.
  const received = got.slice(0, -2);
  assert.ok(received.every((l) => l === `web-1 stdout | ${line}`));
  assert.equal(received.length + dropped, n);
  slow.close();
});

test("/logs: logspout's path forms /logs/name:<glob> and /logs/id:<id> select like ?name= and ?id=; other paths below /logs are 404", async (t) => {
  const agent = new FakeAgent(await loadYaml(YAML));
  const { api, base } = await serve(agent);
  t.after(() => api.close());
  const web1 = container('web-1', {}, 'abc123'.padEnd(64, '0'));
  const web2 = container('web-2', {}, 'def456'.padEnd(64, '0'));
  const byName = openLogs(base, '/name:web-*');
  const byId = openLogs(base, '/id:def4');
  const byIdQuery = openLogs(base, '?id=ABC1');
  const streams = [byName, byId, byIdQuery];
  await Promise.all(streams.map((s) => s.ready));
  assert.deepEqual(streams.map((s) => s.out.status), [200, 200, 200]);
  agent.emit(web1, 'one');
  agent.emit(web2, 'two');
  agent.emit(container('db-1'), 'three');
  await until(() => byName.out.text.split('\n').length > 2 && byId.out.text.length > 0 && byIdQuery.out.text.length > 0);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(byName.out.text, 'web-1 stdout | one\nweb-2 stdout | two\n');
  assert.equal(byId.out.text, 'web-2 stdout | two\n');
  assert.equal(byIdQuery.out.text, 'web-1 stdout | one\n');
  assert.equal((await fetch(`${base}/logs/image:busybox`)).status, 404);
  assert.equal((await fetch(`${base}/logs/name:${encodeURIComponent('/(/')}`)).status, 400);
  for (const s of streams) s.close();
  await until(() => api.live.clients === 0);
});
