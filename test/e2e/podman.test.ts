/**
 * Issue 15: the real agent on Podman's Docker-compatible API (the private `podman system service`
 * that scripts/test-podman.sh starts), behind the read-only socket proxy: the foundation behaviours
 * and each Podman difference docs/podman.md lists, with every call the agent made checked against
 * SPEC §1's GET list at the end.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDocker, PODMAN_HOST, PODMAN_HOST_CONFIG, dockerClient, hasPodman, waitFor } from '../helpers/docker.js';
import { followEvents, type ContainerEvent } from '../../src/docker/events.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { SocketProxy } from '../helpers/socket-proxy.js';

const td = new TestDocker(PODMAN_HOST, PODMAN_HOST_CONFIG);
let proxy: SocketProxy;
let sluice: SluiceProcess;
let early: string;

const config = (host: string) => `
version: 1
docker: { host: "${host}" }
state_dir: null
api: null
containers: { backfill: all }
routes:
  - name: out
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: console, format: json }
    flush: { interval: 50ms }
`;

describe('Podman: the agent on the Docker-compatible API', { skip: hasPodman ? false : 'SLUICE_TEST_NO_PODMAN=1' }, () => {
  before(async () => {
    proxy = await SocketProxy.start(PODMAN_HOST);
    early = td.name('early');
    // Running before the agent starts: found by the first list, read from its beginning (backfill: all).
    await td.run({ name: early, labels: { team: 'payments' }, script: 'for i in $(seq 1 50); do echo early-$i; done; sleep 60' });
    sluice = new SluiceProcess(writeConfig(config(proxy.host)));
    assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 30_000), `sluice did not connect:\n${sluice.stderr}`);
  });

  after(async () => {
    const code = await sluice.stop();
    await td.cleanup();
    await proxy.close();
    assert.equal(code, 0, `sluice exited ${code}:\n${sluice.stderr.slice(-2000)}`);
  });

  const of = (name: string) => sluice.records().filter((r) => r.container?.name === name);
  const seq = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

  test('the connection names Podman; a container running before the agent is read from its first line, with its labels and name', async () => {
    const connected = sluice.logs().find((l) => l.msg === 'Connected to the Docker engine');
    assert.equal(connected?.engine, 'podman');
    assert.ok(await waitFor(() => of(early).length >= 50, 20_000), `got ${of(early).length}`);
    const r = of(early);
    assert.deepEqual(r.map((x) => x.line), seq('early-', 50));
    assert.equal(r[0]!.container.labels.team, 'payments');
    assert.equal(r[0]!.container.labels['sluice.test'], td.runId);
    assert.equal(r[0]!.container.name, early, 'the name without Podman\'s leading slash');
    assert.match(r[0]!.container.image, /sluice-test-busybox/);
    // Podman stamps whole seconds; records carry them in Docker's nine-digit form.
    assert.match(r[0]!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000000Z$/);
  });

  test('a new container is followed at once: stdout and stderr, every line once, in order', async (t) => {
    const name = td.name('plain');
    await td.run({ name, script: 'echo first; for i in $(seq 1 300); do echo out-$i; echo err-$i >&2; done' });
    const started = Date.now();
    assert.ok(await waitFor(() => of(name).length >= 1, 20_000));
    t.diagnostic(`first line of a new container delivered ${Date.now() - started} ms after its start call returned`);
    assert.ok(await waitFor(() => of(name).length >= 601, 20_000), `got ${of(name).length}`);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would show up here
    const p = of(name);
    assert.deepEqual(p.filter((r) => r.source === 'stdout').map((r) => r.line), ['first', ...seq('out-', 300)]);
    assert.deepEqual(p.filter((r) => r.source === 'stderr').map((r) => r.line), seq('err-', 300));
  });

  test('a TTY container: one stream (stdout), CRLF gone, stderr merged in, a line written in pieces whole', async () => {
    const name = td.name('tty');
    await td.run({ name, tty: true, script: 'for i in $(seq 1 100); do echo tty-$i; done; printf piece-; sleep 1.2; echo end; echo err-too >&2' });
    assert.ok(await waitFor(() => of(name).length >= 102, 20_000), `got ${of(name).map((r) => r.line).slice(-5)}`);
    await new Promise((r) => setTimeout(r, 300));
    const t = of(name);
    assert.deepEqual(t.map((r) => r.line), [...seq('tty-', 100), 'piece-end', 'err-too']);
    assert.ok(t.every((r) => r.source === 'stdout'));
  });

  test('a non-TTY line Podman stores in two pieces a second apart arrives as one line, on each stream', async () => {
    const name = td.name('pieces');
    await td.run({ name, script: 'printf part-one-; sleep 1.2; echo part-two; printf e-one- >&2; sleep 1.2; echo e-two >&2; echo last' });
    assert.ok(await waitFor(() => of(name).length >= 3, 20_000));
    await new Promise((r) => setTimeout(r, 300));
    const on = (s: string) => of(name).filter((r) => r.source === s).map((r) => r.line);
    assert.deepEqual(on('stdout'), ['part-one-part-two', 'last']);
    assert.deepEqual(on('stderr'), ['e-one-e-two']);
  });

  test('short-lived containers: 6 that print 10 lines and exit at once, and one that prints 5,000 and exits, are read to their last line', async () => {
    const names = Array.from({ length: 6 }, (_, i) => td.name(`burst${i}`));
    const big = td.name('big');
    await Promise.all([
      ...names.map((name, i) => td.run({ name, script: `for j in $(seq 1 10); do echo c${i}-l$j; done` })),
      td.run({ name: big, script: 'seq 1 5000' }),
    ]);
    const count = () => names.reduce((n, name) => n + of(name).length, 0);
    assert.ok(await waitFor(() => count() >= 60 && of(big).length >= 5000, 40_000), `got ${count()} of 60, ${of(big).length} of 5000`);
    await new Promise((r) => setTimeout(r, 500));
    names.forEach((name, i) => assert.deepEqual(of(name).map((r) => r.line), seq(`c${i}-l`, 10)));
    assert.deepEqual(of(big).map((r) => r.line), seq('', 5000));
  });

  test('a rename (Podman\'s rename event) is picked up: lines after it carry the new name', async () => {
    const name = td.name('before-rename');
    const renamed = td.name('after-rename');
    const id = await td.run({ name, script: 'echo one; sleep 2; echo two; sleep 60' });
    assert.ok(await waitFor(() => of(name).length >= 1, 20_000));
    await td.docker.getContainer(id).rename({ name: renamed });
    assert.ok(await waitFor(() => of(renamed).length >= 1, 20_000), 'the line after the rename carries the new name');
    assert.deepEqual([...of(name), ...of(renamed)].map((r) => r.line), ['one', 'two']);
  });

  test('the event stream: Podman\'s "remove" reaches the source as "destroy"; start and die as they are', async () => {
    const docker = dockerClient(PODMAN_HOST);
    const seen: ContainerEvent[] = [];
    const abort = new AbortController();
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const done = followEvents(docker, undefined, abort.signal, (e) => seen.push(e), () => opened());
    await open;
    const id = await td.run({ name: td.name('lifecycle'), script: 'echo bye' });
    await td.wait(id);
    await td.remove(id);
    const mine = () => seen.filter((e) => e.id === id).map((e) => e.action);
    assert.ok(await waitFor(() => mine().includes('destroy'), 10_000), `events seen: ${mine()}`);
    abort.abort();
    await done;
    assert.deepEqual(mine().filter((a) => a !== 'die' && a !== 'create'), ['start', 'destroy']);
    assert.ok(seen.every((e) => /^\d{19}$/.test(e.timeNano)), 'timeNano in nanoseconds');
  });

  test('a container on the "none" log driver is reported once as unreadable (Podman answers 500), others keep flowing', async () => {
    const name = td.name('nolog');
    const ok = td.name('beside');
    await td.run({ name, logDriver: 'none', script: 'for i in $(seq 1 5); do echo x$i; done; sleep 3' });
    await td.run({ name: ok, script: 'echo still-here' });
    const reported = () => sluice.logs().filter((l) => l.container === name && /cannot read/.test(String(l.msg)));
    assert.ok(await waitFor(() => reported().length >= 1 && of(ok).length >= 1, 20_000), sluice.stderr.slice(-1500));
    await new Promise((r) => setTimeout(r, 3_500)); // the container exits; no second report
    assert.equal(reported().length, 1);
    assert.equal(reported()[0]!.driver, 'none');
    assert.equal(of(name).length, 0);
  });

  test('read-only: every call the agent made was one of SPEC §1\'s GET calls; the proxy refused none', () => {
    assert.deepEqual(proxy.refused, [], 'sluice made a call the read-only proxy refused');
    assert.ok(proxy.forwarded.every((c) => c.method === 'GET'));
    const kinds = new Set(proxy.forwarded.map((c) => c.path.split('?')[0]!.replace(/^\/v[\d.]+/, '').replace(/\/containers\/[0-9a-f]{64}\//, '/containers/ID/')));
    for (const k of ['/version', '/events', '/containers/json', '/containers/ID/json', '/containers/ID/logs']) assert.ok(kinds.has(k), `${k} not seen in ${[...kinds]}`);
  });

  test('discovery: with no docker.host, no DOCKER_HOST and no /var/run/docker.sock, the rootless Podman socket ($XDG_RUNTIME_DIR) is found and named', { skip: existsSync('/var/run/docker.sock') || existsSync('/run/podman/podman.sock') ? 'a system engine socket exists here' : false }, async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'sluice-xdg-'));
    mkdirSync(join(xdg, 'podman'));
    symlinkSync(new URL(PODMAN_HOST).pathname, join(xdg, 'podman', 'podman.sock'));
    const name = td.name('discovered');
    const env: NodeJS.ProcessEnv = { XDG_RUNTIME_DIR: xdg, DOCKER_HOST: '' };
    const found = new SluiceProcess(writeConfig(config('x').replace(/docker: \{ host: "x" \}\n/, '')), env);
    try {
      assert.ok(await waitFor(() => found.stderr.includes('Connected to the Docker engine'), 30_000), found.stderr);
      const line = found.logs().find((l) => l.msg === 'Connected to the Docker engine')!;
      assert.equal(line.host, `unix://${xdg}/podman/podman.sock`);
      assert.equal(line.engine, 'podman');
      await td.run({ name, script: 'echo found-me' });
      assert.ok(await waitFor(() => found.records().some((r) => r.container.name === name && r.line === 'found-me'), 20_000));
    } finally {
      assert.equal(await found.stop(), 0, found.stderr.slice(-1500));
      rmSync(xdg, { recursive: true, force: true });
    }
  });
});
