/**
 * Issue 8 end to end: the real agent (child process) with its API on a free loopback port and a
 * token, reading the private Docker engine. Every endpoint with and without the token, the /logs
 * stream filtered by container name while a real container prints, and `sluice tail` on top of it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestDocker, DOCKER_HOST, waitFor } from '../helpers/docker.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { freePort } from '../helpers/net.js';

const TOKEN = 'op-token-7f3a9c2e51b04d68';
const td = new TestDocker();
let sluice: SluiceProcess;
let base: string;
let cfgFile: string;
let cfgText: string;


const auth = { authorization: `Bearer ${TOKEN}` };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${base}${path}`, { headers });

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  cfgText = `
version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: null
api: { listen: "127.0.0.1:${port}", token: "${TOKEN}" }
routes:
  - name: out
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: console, format: json }
    flush: { interval: 50ms }
`;
  cfgFile = writeConfig(cfgText);
  sluice = new SluiceProcess(cfgFile);
  assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 20_000), `sluice did not connect:\n${sluice.stderr}`);
});

after(async () => {
  const code = await sluice.stop();
  await td.cleanup();
  assert.equal(code, 0, `sluice exited ${code}:\n${sluice.stderr.slice(-2000)}`);
});

test('every endpoint but /healthz and /readyz needs the token; with it: metrics, status', async () => {
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  assert.notEqual((await fetch(`${base}/readyz`)).status, 401, 'probes cannot send the token');
  for (const path of ['/metrics', '/status', '/logs']) {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${TOKEN}x` }] as Record<string, string>[]) {
      const r = await get(path, headers);
      assert.equal(r.status, 401, `${path} ${JSON.stringify(headers)}`);
      await r.body?.cancel();
    }
  }

  const name = td.name('counted');
  const id = await td.run({ name, script: 'for i in $(seq 1 50); do echo c-$i; done; sleep 30' });
  assert.ok(await waitFor(() => sluice.records().filter((r) => r.container.name === name).length === 50, 15_000));

  const ready = await get('/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ready' });

  const metrics = await (await get('/metrics')).text();
  assert.match(metrics, new RegExp(`^sluice_lines_read_total\\{container="${name}"\\} 50$`, 'm'));
  assert.match(metrics, /^sluice_lines_sent_total\{route="out"\} \d+$/m);
  assert.match(metrics, /^sluice_docker_connected 1$/m);
  assert.match(metrics, /^sluice_containers_attached [1-9]\d*$/m);
  assert.match(metrics, new RegExp(`^sluice_checkpoint_lag_seconds\\{container="${name}"\\} 0$`, 'm'));
  assert.match(metrics, /^sluice_build_info\{version="[^"]+",node="[^"]+"\} 1$/m);
  assert.match(metrics, /^sluice_config_last_reload_successful /m);
  // prom-client's process and Node.js metrics under their standard names, as dashboards expect them.
  assert.match(metrics, /^process_resident_memory_bytes \d+$/m);
  assert.match(metrics, /^process_cpu_seconds_total [\d.e-]+$/m);
  assert.match(metrics, /^nodejs_eventloop_lag_seconds /m);

  const status = (await (await get('/status')).json()) as any;
  assert.match(status.config.hash, /^[0-9a-f]{16}$/);
  assert.equal(status.config.lastReload, null);
  assert.equal(status.docker.connected, true);
  assert.equal(status.routes.length, 1);
  assert.equal(status.routes[0].name, 'out');
  assert.equal(status.routes[0].destination, 'console');
  assert.equal(status.routes[0].state, 'ok');
  assert.ok(status.routes[0].sent >= 50);
  assert.equal(status.routes[0].buffer.maxLines, 10000);
  const c = status.containers.find((x: any) => x.name === name);
  assert.deepEqual(c, { name, id: id.slice(0, 12), image: c.image, checkpointLagSeconds: 0 });

  // Removed by Docker: its series leave /metrics, and it leaves /status.
  await td.remove(id);
  assert.ok(await waitFor(async () => !(await (await get('/metrics')).text()).includes(`container="${name}"`), 10_000), 'stale series');
  assert.ok(!((await (await get('/status')).json()) as any).containers.some((x: any) => x.name === name));
  // Its own logs: one named event each way.
  const mine = sluice.logs().filter((l) => l.container === name);
  assert.deepEqual(mine.map((l) => [l.msg, l.level]), [
    ['Attached to a container; following its logs.', 'info'],
    ['Detached from a container.', 'info'],
  ]);
  assert.equal(mine[0]!.id, id.slice(0, 12));
  assert.match(await (await get('/metrics')).text(), /^sluice_container_events_total\{event="detached"\} [1-9]/m);
});

/** Follows /logs and collects NDJSON records until stopped. */
function follow(query: string) {
  const got: any[] = [];
  let buf = '';
  const req = request(`${base}/logs${query}`, { headers: { ...auth, accept: 'application/x-ndjson' } }, (res) => {
    assert.equal(res.statusCode, 200);
    res.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        got.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { got, stop: () => req.destroy() };
}

const printer = (prefix: string) => `i=0; while true; do i=$((i+1)); echo ${prefix}-$i; sleep 0.02; done`;

test('/logs?name= streams the lines of that container only, in order, while they flow', async () => {
  const a = td.name('tail-a');
  const b = td.name('tail-b');
  await td.run({ name: a, script: printer('a') });
  await td.run({ name: b, script: printer('b') });
  assert.ok(await waitFor(() => sluice.records().some((r) => r.container.name === b), 15_000));
  const s = follow(`?name=${a}`);
  try {
    assert.ok(await waitFor(() => s.got.length >= 40, 15_000), `got ${s.got.length}`);
  } finally {
    s.stop();
  }
  assert.ok(s.got.every((r) => r.container.name === a && r.source === 'stdout'), JSON.stringify(s.got.slice(0, 3)));
  const nums = s.got.map((r) => Number(/^a-(\d+)$/.exec(r.line)![1]));
  // Live: joined mid-stream, so it starts anywhere, then no gap and no repeat.
  nums.forEach((n, i) => i > 0 && assert.equal(n, nums[i - 1]! + 1, `gap at ${i}: ${nums.slice(i - 2, i + 2)}`));
  assert.match(s.got[0].time, /^\d{4}-\d\d-\d\dT/);
});

test('sluice tail --name prints that container\'s stream as text; a missing token is a clear error', async () => {
  const c = td.name('tail-cli');
  await td.run({ name: c, script: printer('t') });
  const bin = join(REPO, 'bin', 'sluice.js');
  const child = spawn(process.execPath, [bin, 'tail', '--api', base, '--token', TOKEN, '--name', c], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    assert.ok(await waitFor(() => out.split('\n').length > 20, 20_000), `tail printed:\n${out}\n${err}`);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, err);
  const lines = out.split('\n').filter(Boolean);
  for (const l of lines) assert.match(l, new RegExp(`^${c} stdout \\| t-\\d+$`));

  const denied = spawn(process.execPath, [bin, 'tail', '--api', base, '--name', c], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SLUICE_API_TOKEN: '' } });
  let derr = '';
  denied.stderr.setEncoding('utf8').on('data', (d: string) => (derr += d));
  const code = await new Promise<number | null>((r) => denied.on('exit', (x) => r(x)));
  assert.equal(code, 1);
  assert.match(derr, /answered 401 \(pass --token or set SLUICE_API_TOKEN\)/);
});

test('/status and /metrics report each reload: applied, then rejected with its errors', async () => {
  writeFileSync(cfgFile, cfgText + `  - name: extra\n    match: { name: ["nothing-*"] }\n    destination: { type: console }\n`);
  const status = async () => (await (await get('/status')).json()) as any;
  assert.ok(await waitFor(async () => (await status()).config.lastReload?.ok === true, 15_000), sluice.stderr.slice(-1500));
  let s = await status();
  assert.deepEqual(s.routes.map((r: any) => r.name), ['out', 'extra']);
  assert.match(s.config.lastReload.summary, /\+1/);
  assert.match(s.config.lastReload.at, /^\d{4}-\d\d-\d\dT/);
  const applied = s.config.hash;
  assert.match(await (await get('/metrics')).text(), /^sluice_config_last_reload_successful 1$/m);

  writeFileSync(cfgFile, cfgText.replace('flush: { interval: 50ms }', 'flush: { interval: soon }'));
  assert.ok(await waitFor(async () => (await status()).config.lastReload?.ok === false, 15_000));
  s = await status();
  assert.equal(s.config.hash, applied, 'the running config stays');
  assert.equal(s.config.lastReload.errors.length, 1);
  assert.match(s.config.lastReload.errors[0], /routes\[0\]\.flush\.interval/);
  const m = await (await get('/metrics')).text();
  assert.match(m, /^sluice_config_last_reload_successful 0$/m);
  assert.match(m, /^sluice_config_reload_failures_total 1$/m);
  // Still serving with the same token: the api section did not change.
  assert.equal((await get('/readyz')).status, 200);
});

test('with no Docker socket the API still starts: /healthz 200, /readyz 503 saying why; a config change still applies', async () => {
  const port = await freePort();
  const noDocker = (routes: string) => `
version: 1
docker: { host: "unix:///tmp/sluice-no-such-dir-${process.pid}/docker.sock" }
state_dir: null
api: { listen: "127.0.0.1:${port}" }
reload: { debounce: 50ms }
routes:
  - name: out
    destination: { type: console }
${routes}`;
  const file = writeConfig(noDocker(''));
  const p = new SluiceProcess(file);
  // The assertions run first and the process is stopped either way; a failure above is reported
  // as itself, not as the exit code of the process it left running.
  let failure: unknown;
  try {
    const url = `http://127.0.0.1:${port}`;
    assert.ok(await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.status === 200, 60_000), p.stderr);
    const r = await fetch(`${url}/readyz`);
    assert.equal(r.status, 503);
    assert.deepEqual(await r.json(), { status: 'not ready', reasons: [`Docker engine not reachable (no Docker socket answering at /tmp/sluice-no-such-dir-${process.pid}/docker.sock)`] });
    const s = (await (await fetch(`${url}/status`)).json()) as any;
    assert.equal(s.docker.connected, false);
    assert.equal(s.ready, false);
    // The watcher does not wait for the engine: the new route is live while Docker is still away.
    writeFileSync(file, noDocker('  - name: more\n    destination: { type: console }\n'));
    assert.ok(await waitFor(() => p.logs().some((l) => /^Config reloaded/.test(l.msg)), 10_000), p.stderr);
    const after = (await (await fetch(`${url}/status`)).json()) as any;
    assert.deepEqual(after.routes.map((r: any) => r.name).sort(), ['more', 'out']);
  } catch (err) {
    failure = err;
  }
  const code = await p.stop();
  if (failure) throw failure;
  assert.equal(code, 0, `exit ${code} signal ${p.signal}:\n${p.stderr.slice(-1500)}`);
});
