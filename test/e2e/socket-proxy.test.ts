/**
 * Least privilege: the real agent behind a read-only Docker socket proxy that forwards only the GET
 * calls SPEC §1 lists and answers 403 to anything else. Lines are delivered, and the proxy refused
 * nothing — any refused call fails the test. A second proxy shows the refusal works.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { TestDocker, DOCKER_HOST, IMAGE, waitFor } from '../helpers/docker.js';
import { startLabelledAgent } from '../helpers/sluice-process.js';
import { SocketProxy, isAllowed } from '../helpers/socket-proxy.js';

const td = new TestDocker();
const proxies: SocketProxy[] = [];
after(async () => {
  await td.cleanup();
  await Promise.all(proxies.map((p) => p.close()));
});

test('the proxy forwards the allowed GET calls and refuses (403) every other call', async () => {
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const docker = new Docker({ socketPath: proxy.socketPath });
  assert.ok((await docker.version()).ApiVersion);
  assert.ok(Array.isArray(await docker.listContainers({ all: true })));
  const refusedBefore = proxy.refused.length;
  await assert.rejects(docker.createContainer({ Image: IMAGE, Cmd: ['true'], Labels: { 'sluice.test': td.runId } }), (e: any) => e.statusCode === 403);
  await assert.rejects(docker.listImages(), (e: any) => e.statusCode === 403);
  const id = await td.run({ name: td.name('victim'), script: 'sleep 30' });
  await assert.rejects(docker.getContainer(id).kill(), (e: any) => e.statusCode === 403);
  await assert.rejects(docker.getContainer(id).remove({ force: true }), (e: any) => e.statusCode === 403);
  assert.deepEqual(
    proxy.refused.slice(refusedBefore).map((c) => `${c.method} ${c.path.split('?')[0]!.replace(/^\/v[\d.]+/, '').replace(id, 'ID')}`),
    ['POST /containers/create', 'GET /images/json', 'POST /containers/ID/kill', 'DELETE /containers/ID'],
  );
  // The container is untouched: the kill never reached the engine.
  assert.equal((await td.docker.getContainer(id).inspect()).State.Running, true);
  for (const [m, p] of [['GET', '/v1.47/containers/abc/logs?follow=1'], ['GET', '/_ping'], ['GET', '/events?since=1'], ['HEAD', '/_ping'], ['GET', '/containers/abc/top'], ['POST', '/events']] as const) {
    assert.equal(isAllowed(m, p), m === 'GET' && !p.includes('/top'), `${m} ${p}`);
  }
});

test('the agent behind the read-only proxy delivers every line, and the proxy refused zero calls', async () => {
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const before = td.name('before');
  const later = td.name('later');
  await td.run({ name: before, script: 'for i in $(seq 1 100); do echo b-$i; done; sleep 30' });
  const sluice = await startLabelledAgent(td.runId, proxy.host, { backfill: 'all', flushMs: 50 });
  try {
    await td.run({ name: later, script: 'for i in $(seq 1 100); do echo l-$i; echo e-$i >&2; done' });
    const of = (n: string) => sluice.records().filter((r) => r.container.name === n);
    assert.ok(await waitFor(() => of(before).length >= 100 && of(later).length >= 200, 20_000), `got ${of(before).length} + ${of(later).length}\n${sluice.stderr.slice(-1500)}`);
    assert.deepEqual(of(before).map((r) => r.line), Array.from({ length: 100 }, (_, i) => `b-${i + 1}`));
    assert.deepEqual(of(later).filter((r) => r.source === 'stdout').map((r) => r.line), Array.from({ length: 100 }, (_, i) => `l-${i + 1}`));
    assert.deepEqual(of(later).filter((r) => r.source === 'stderr').map((r) => r.line), Array.from({ length: 100 }, (_, i) => `e-${i + 1}`));
  } finally {
    assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  }
  assert.deepEqual(proxy.refused, [], 'sluice made a call the read-only proxy refused');
  // It did go through the proxy, for each kind of call it needs.
  const kinds = new Set(proxy.forwarded.map((c) => c.path.split('?')[0]!.replace(/^\/v[\d.]+/, '').replace(/\/containers\/[0-9a-f]{64}\//, '/containers/ID/')));
  for (const k of ['/version', '/events', '/containers/json', '/containers/ID/json', '/containers/ID/logs']) assert.ok(kinds.has(k), `${k} not seen in ${[...kinds]}`);
});

test('listing many containers, the agent inspects at most 8 at a time, and still reads every one', async () => {
  // All at once, each inspect's answer was read into a 64 KiB buffer of its own at the same moment;
  // with 500 containers the allocator kept ~5 MB of that for good (bench: 500 containers).
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const names = Array.from({ length: 24 }, (_, i) => td.name(`many-${i}`));
  const ids = await Promise.all(names.map((name) => td.run({ name, script: `echo hello-${name}; sleep 60` })));
  // Only these containers' inspects count: they all exist before the agent starts, so the list is
  // what inspects them. Containers other test files create meanwhile are inspected at their own
  // `create` events, outside the list's limit (CI once saw 9 in flight that way).
  proxy.countInspectsOf = new Set(ids);
  const sluice = await startLabelledAgent(td.runId, proxy.host, { backfill: 'all', flushMs: 50 });
  try {
    const got = () => new Set(sluice.records().map((r) => r.container.name));
    assert.ok(await waitFor(() => names.every((n) => got().has(n)), 30_000), `read ${got().size} of ${names.length}\n${sluice.stderr.slice(-1500)}`);
  } finally {
    assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  }
  assert.ok(proxy.maxInspectsInFlight <= 8, `${proxy.maxInspectsInFlight} inspects in flight at once`);
  assert.ok(proxy.maxInspectsInFlight >= 2, 'inspects still overlap');
});

test('SIGTERM while a Docker call gets no answer: the agent stops cleanly and its process exits', async () => {
  // Before, the open call kept the process alive after "Stopped cleanly" until the runtime's SIGKILL
  // (and a test waiting for that exit, forever).
  const proxy = await SocketProxy.start(DOCKER_HOST);
  proxies.push(proxy);
  const name = td.name('unanswered');
  const id = await td.run({ name, script: 'echo one; sleep 60' });
  const sluice = await startLabelledAgent(td.runId, proxy.host, { backfill: 'all', flushMs: 50 });
  try {
    assert.ok(await waitFor(() => sluice.records().some((r) => r.container.name === name), 20_000), sluice.stderr.slice(-1500));
    // From now on no inspect of this container is answered; its stream is cut, so the agent asks.
    let asked = false;
    proxy.hold = (call) => (call.path.split('?')[0]!.endsWith(`/containers/${id}/json`) ? ((asked = true), new Promise<void>(() => undefined)) : undefined);
    assert.equal(proxy.cutLogs(id), 1, 'its follow stream was open');
    assert.ok(await waitFor(() => asked, 10_000), 'the agent asked about the cut stream');
    const code = await Promise.race([sluice.stop(), new Promise((r) => setTimeout(() => r('still running 15 s after SIGTERM'), 15_000))]);
    assert.equal(code, 0, sluice.stderr.slice(-1500));
    assert.match(sluice.stderr, /Stopped cleanly/);
  } finally {
    await sluice.stop('SIGKILL');
  }
});
