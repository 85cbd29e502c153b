/**
 * Issue 14: Docker API trouble the real engine cannot produce on demand, injected by the test socket
 * proxy in front of it: an inspect that fails with 500 is retried with backoff (the container is read,
 * not left unread until its next event), a container list that fails is retried the same way, both
 * logged at warn and counted; an event line that is not JSON is counted and triggers a re-list.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestDocker, DOCKER_HOST, waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { SocketProxy, type ProxyCall } from '../helpers/socket-proxy.js';
import { freePort } from '../helpers/net.js';

const td = new TestDocker();
const proxies: SocketProxy[] = [];
after(async () => {
  await td.cleanup();
  for (const p of proxies) await p.close();
});

const path = (c: ProxyCall) => new URL(c.path, 'http://docker').pathname.replace(/^\/v[\d.]+/, '');

async function start(proxy: SocketProxy): Promise<{ sluice: SluiceProcess; metrics: () => Promise<string> }> {
  const port = await freePort();
  const sluice = new SluiceProcess(
    writeConfig(`
version: 1
docker: { host: "${proxy.host}" }
state_dir: null
api: { listen: "127.0.0.1:${port}" }
routes:
  - name: out
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: console, format: json }
    flush: { interval: 50ms }
`),
  );
  return { sluice, metrics: async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text() };
}

test('inspect answered 500 three times: retried with backoff, logged at warn once, counted; every line read', async () => {
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const { sluice, metrics } = await start(proxy);
  try {
    assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 20_000), sluice.stderr);
    const name = td.name('inspect500');
    let failures = 0;
    proxy.fault = (c) => {
      if (!/^\/containers\/[0-9a-f]{64}\/json$/.test(path(c)) || failures >= 3) return undefined;
      failures++;
      return { status: 500, message: 'injected: the engine is busy' };
    };
    await td.run({ name, script: 'for i in $(seq 1 20); do echo i-$i; done; sleep 2; echo last' });
    const of = () => sluice.records().filter((r) => r.container?.name === name).map((r) => r.line);
    assert.ok(await waitFor(() => of().length >= 21, 20_000), `got ${of().length}\n${sluice.stderr.slice(-2000)}`);
    assert.deepEqual(of(), [...Array.from({ length: 20 }, (_, i) => `i-${i + 1}`), 'last']);
    assert.equal(failures, 3);
    const warns = sluice.logs().filter((l) => l.msg?.startsWith('Could not inspect a container'));
    assert.ok(warns.length >= 1 && warns.every((l) => l.level === 'warn'), JSON.stringify(warns));
    assert.match(await metrics(), /^sluice_docker_call_failures_total\{call="inspect"\} 3$/m);
  } finally {
    proxy.fault = undefined;
    assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  }
});

test('the container list answered 500 at connect: retried with backoff (not "on reconnect"), a running container is read', async () => {
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const name = td.name('listed');
  // Running before sluice starts: only the list can find it.
  await td.run({ name, script: 'echo before; sleep 3; echo after; sleep 30' });
  let failures = 0;
  proxy.fault = (c) => {
    if (path(c) !== '/containers/json' || failures >= 2) return undefined;
    failures++;
    return { status: 500, message: 'injected: list failed' };
  };
  const { sluice, metrics } = await start(proxy);
  try {
    const of = () => sluice.records().filter((r) => r.container?.name === name).map((r) => r.line);
    assert.ok(await waitFor(() => of().includes('after'), 20_000), `got ${of()}\n${sluice.stderr.slice(-2000)}`);
    assert.equal(failures, 2);
    const warns = sluice.logs().filter((l) => l.msg?.startsWith('Could not list containers'));
    assert.equal(warns.length, 1, 'logged once per failure streak');
    assert.equal(warns[0]!.level, 'warn');
    assert.match(warns[0]!.msg, /retrying with backoff/);
    assert.equal(sluice.logs().filter((l) => /Lost the Docker engine/.test(l.msg ?? '')).length, 0, 'no reconnect was needed');
    assert.match(await metrics(), /^sluice_docker_call_failures_total\{call="list"\} 2$/m);
  } finally {
    proxy.fault = undefined;
    assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  }
});

test('an event line that is not JSON is counted and logged, and the containers are re-listed', async () => {
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const { sluice, metrics } = await start(proxy);
  try {
    assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 20_000), sluice.stderr);
    assert.ok(await waitFor(() => proxy.forwarded.some((c) => path(c) === '/containers/json'), 10_000));
    const lists = () => proxy.forwarded.filter((c) => path(c) === '/containers/json').length;
    const before = lists();
    assert.equal(proxy.injectEvent('{"status":"start","id":'), 1, 'one open event stream');
    assert.equal(proxy.injectEvent('{"Type":"container"}'), 1);
    assert.ok(await waitFor(() => lists() > before, 5_000), 're-listed');
    assert.match(await metrics(), /^sluice_docker_malformed_events_total 2$/m);
    // The agent's stderr reaches the test a moment after the metric counts (a pipe between processes).
    const unreadable = () => sluice.logs().filter((l) => /event sluice cannot read/.test(l.msg ?? '')).length;
    assert.ok(await waitFor(() => unreadable() >= 2, 5_000), sluice.stderr.slice(-2000));
    assert.equal(unreadable(), 2);
    // The stream goes on: a container started now is read.
    const name = td.name('after-garbage');
    await td.run({ name, script: 'echo still-here' });
    assert.ok(await waitFor(() => sluice.records().some((r) => r.container?.name === name), 20_000));
  } finally {
    assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  }
});
