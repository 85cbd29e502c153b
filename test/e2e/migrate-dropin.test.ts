/**
 * Issue 16 end to end: one container set, run once under a logspout-style environment (the drop-in
 * start: no config file, ROUTE_URIS and logspout's variables) and once under the YAML `sluice migrate`
 * printed for that same environment. Both deliver the same lines to the same rsyslog (syslog over TCP)
 * and raw TCP receiver; what logspout's filters leave out (LOGSPOUT=ignore, EXCLUDE_LABEL, a name or
 * source filter) is left out both times.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HOST, TestDocker, waitFor } from '../helpers/docker.js';
import { freePort } from '../helpers/net.js';
import { MezmoServer } from '../helpers/mezmo-server.js';
import { Rsyslog } from '../helpers/rsyslog.js';
import { testPki } from '../helpers/tls.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';

const td = new TestDocker();
const CANARY = 'canary-7Hq2-not-for-output';
const N = 40;
let rs: Rsyslog;
let raw: Server;
let rawPort = 0;
let rawText = '';
const dirs: string[] = [];

before(async () => {
  rs = await Rsyslog.start();
  raw = createServer((sock) => sock.setEncoding('utf8').on('data', (d: string) => (rawText += d)));
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
  rawPort = (raw.address() as { port: number }).port;
});

after(async () => {
  await td.cleanup();
  await rs.stop();
  await new Promise((r) => raw.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The logspout environment of this test: two routes limited to this run's containers. */
function logspoutEnv(apiPort: number): Record<string, string> {
  const mine = `filter.labels=sluice.test:${td.runId}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'sluice-migrate-state-'));
  dirs.push(stateDir);
  return {
    DOCKER_HOST,
    ROUTE_URIS: [
      `syslog+tcp://127.0.0.1:${rs.tcpPort}?${mine}&filter.name=mig-*&append_tag=.app`,
      `raw+tcp://127.0.0.1:${rawPort}?${mine}&filter.sources=stderr`,
    ].join(','),
    EXCLUDE_LABEL: 'logspout.exclude',
    RAW_FORMAT: '{{.Container.Name}} {{.Source}} {{.Data}}\n',
    SYSLOG_FORMAT: 'rfc5424',
    INACTIVITY_TIMEOUT: '1m',
    LOGDNA_URL_UNUSED: '',
    PORT: String(apiPort),
    SLUICE_STATE_DIR: stateDir,
    SYSLOG_SECRET_IGNORED: CANARY,
  };
}

/** The container set: (re)created with the same names, labels, env and output each time. */
async function runContainers(): Promise<void> {
  for (const id of [...td.created]) await td.remove(id);
  td.created.length = 0;
  const script = (tag: string) => `for i in $(seq 1 ${N}); do echo ${tag}-out-$i; echo ${tag}-err-$i >&2; done`;
  const ids = [
    await td.run({ name: td.name('mig-a'), script: script('a') }),
    await td.run({ name: td.name('mig-b'), script: script('b'), labels: { team: 'x' } }),
    await td.run({ name: td.name('other'), script: script('o') }),
    await td.run({ name: td.name('mig-ignored'), script: script('i'), env: ['LOGSPOUT=ignore'] }),
    await td.run({ name: td.name('mig-excluded'), script: script('e'), labels: { 'logspout.exclude': 'true' } }),
  ];
  for (const id of ids) await td.wait(id);
}

interface Delivered {
  syslog: string[];
  raw: string[];
}

async function deliver(proc: SluiceProcess, expectSyslog: number, expectRaw: number): Promise<Delivered> {
  const sysBefore = rs.messages().length;
  const rawBefore = rawText.length;
  assert.ok(await waitFor(() => proc.stderr.includes('Connected to the Docker engine'), 30_000), `sluice did not connect:\n${proc.stderr}`);
  await runContainers();
  const rawLines = () => rawText.slice(rawBefore).split('\n').filter(Boolean);
  const ok = await waitFor(() => rs.messages().length - sysBefore >= expectSyslog && rawLines().length >= expectRaw, 30_000);
  assert.ok(ok, `syslog ${rs.messages().length - sysBefore}/${expectSyslog}, raw ${rawLines().length}/${expectRaw}\n${proc.stderr.slice(-3000)}`);
  await new Promise((r) => setTimeout(r, 500)); // anything extra (a wrong container, a duplicate) shows up here
  assert.equal(await proc.stop(), 0, proc.stderr.slice(-3000));
  const syslog = rs
    .messages()
    .slice(sysBefore)
    .map((m) => `${m.app} ${m.severity} ${m.msg.trim()}`);
  return { syslog, raw: rawLines() };
}

test('a logspout environment run as it is (drop-in) and the YAML sluice migrate prints for it deliver the same lines', { timeout: 180_000 }, async () => {
  // syslog: mig-a and mig-b (name filter), both streams; raw: stderr of mig-a, mig-b and other.
  const expectSyslog = 2 * 2 * N;
  const expectRaw = 3 * N;

  const envA = logspoutEnv(await freePort());
  const dropIn = new SluiceProcess(['run'], envA);
  const a = await deliver(dropIn, expectSyslog, expectRaw);
  const started = dropIn.logs().filter((l) => /migrated from the logspout environment/.test(l.msg));
  assert.equal(started.length, 1, 'the drop-in start is logged once');
  assert.ok(!dropIn.stderr.includes(CANARY) && !dropIn.stdout.includes(CANARY));

  const envB = logspoutEnv(await freePort());
  const m = spawnSync(process.execPath, [join(REPO, 'bin', 'sluice.js'), 'migrate'], { cwd: REPO, env: { ...process.env, ...envB }, encoding: 'utf8' });
  // SYSLOG_SECRET_IGNORED is not a logspout setting: reported by name, exit 1, value never printed.
  assert.equal(m.status, 1, m.stderr);
  assert.match(m.stderr, /SYSLOG_SECRET_IGNORED: not translated/);
  assert.ok(!m.stdout.includes(CANARY) && !m.stderr.includes(CANARY));
  const file = writeConfig(m.stdout);
  dirs.push(join(file, '..'));
  const fromYaml = new SluiceProcess(file, envB);
  const b = await deliver(fromYaml, expectSyslog, expectRaw);

  const expectedSyslog = ['a', 'b'].flatMap((t) =>
    Array.from({ length: N }, (_, i) => [`${td.name(`mig-${t}`)}.app 6 ${t}-out-${i + 1}`, `${td.name(`mig-${t}`)}.app 3 ${t}-err-${i + 1}`]).flat(),
  );
  const expectedRaw = ['mig-a', 'mig-b', 'other'].flatMap((n) => Array.from({ length: N }, (_, i) => `/${td.name(n)} stderr ${n === 'other' ? 'o' : n.slice(-1)}-err-${i + 1}`));
  assert.deepEqual([...a.syslog].sort(), [...expectedSyslog].sort());
  assert.deepEqual([...a.raw].sort(), [...expectedRaw].sort());
  assert.deepEqual([...b.syslog].sort(), [...a.syslog].sort());
  assert.deepEqual([...b.raw].sort(), [...a.raw].sort());
  // Per container and stream, the order is kept.
  for (const d of [a, b]) {
    const seq = d.raw.filter((l) => l.startsWith(`/${td.name('mig-a')} `));
    assert.deepEqual(seq, Array.from({ length: N }, (_, i) => `/${td.name('mig-a')} stderr a-err-${i + 1}`));
  }
});

test('logspout\'s argument form: `sluice <route URI>` runs that route', { timeout: 120_000 }, async () => {
  const env = logspoutEnv(await freePort());
  delete env.ROUTE_URIS;
  const uri = `raw+tcp://127.0.0.1:${rawPort}?filter.labels=sluice.test:${td.runId}&filter.name=mig-a*`;
  const before = rawText.length;
  const p = new SluiceProcess([uri], env);
  assert.ok(await waitFor(() => p.stderr.includes('Connected to the Docker engine'), 30_000), p.stderr);
  await runContainers();
  const lines = () => rawText.slice(before).split('\n').filter(Boolean);
  assert.ok(await waitFor(() => lines().length >= 2 * N, 30_000), `${lines().length} lines\n${p.stderr.slice(-2000)}`);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await p.stop(), 0);
  assert.equal(lines().length, 2 * N);
  assert.ok(lines().every((l) => l.startsWith(`/${td.name('mig-a')} `)));
});

test("Mezmo's logspout image environment as it is: LOGDNA_KEY, LOGDNA_URL (https, no scheme), TAGS and FILTER_* reach a Mezmo-faithful endpoint; the key is never printed", { timeout: 120_000 }, async (t) => {
  // LOGDNA_URL has no scheme and the image always spoke https: a TLS front on loopback (test CA
  // trusted through NODE_EXTRA_CA_CERTS) in front of the Mezmo-faithful HTTP server.
  const mezmo = await MezmoServer.start(CANARY);
  const pki = testPki();
  const front = createTlsServer({ cert: pki.cert, key: pki.key }, (sock) => {
    const up = connect(Number(new URL(mezmo.url).port), '127.0.0.1');
    sock.pipe(up).pipe(sock);
    up.on('error', () => sock.destroy());
    sock.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  t.after(async () => {
    front.close();
    await mezmo.close();
  });
  const env = logspoutEnv(await freePort());
  delete env.ROUTE_URIS;
  Object.assign(env, {
    NODE_EXTRA_CA_CERTS: pki.caFile,
    LOGDNA_KEY: CANARY,
    LOGDNA_URL: `localhost:${(front.address() as { port: number }).port}/logs/ingest`,
    TAGS: 'dropin,{{ index .Container.Config.Labels "team" }}',
    FILTER_NAME: 'mig-*',
    FILTER_LABELS: `sluice.test:${td.runId}`,
    FILTER_SOURCES: 'stdout',
    FLUSH_INTERVAL: '100',
  });
  const p = new SluiceProcess(['run'], env);
  assert.ok(await waitFor(() => p.stderr.includes('Connected to the Docker engine'), 30_000), p.stderr);
  await runContainers();
  const lines = () => mezmo.accepted.flatMap((r) => r.lines.map((l) => `${l.app} ${l.level} ${l.line}`));
  assert.ok(await waitFor(() => lines().length >= 2 * N, 30_000), `${lines().length} lines; refused ${JSON.stringify(mezmo.refused)}\n${p.stderr.slice(-2000)}`);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await p.stop(), 0);
  // stdout of mig-a and mig-b only (FILTER_NAME, FILTER_SOURCES; LOGSPOUT=ignore and EXCLUDE_LABEL honoured).
  const expected = ['a', 'b'].flatMap((x) => Array.from({ length: N }, (_, i) => `${td.name(`mig-${x}`)} INFO ${x}-out-${i + 1}`));
  assert.deepEqual([...lines()].sort(), expected.sort());
  assert.deepEqual(mezmo.refused, []);
  assert.ok(mezmo.accepted.every((r) => r.auth === 'header'), 'the apikey header, as the image sent it');
  const tags = new Set(mezmo.accepted.map((r) => r.query.get('tags')));
  assert.ok([...tags].every((tg) => tg?.split(',').includes('dropin')), [...tags].join(' | '));
  assert.ok([...tags].some((tg) => tg?.split(',').includes('x')), 'the label template of mig-b');
  assert.ok(!p.stderr.includes(CANARY) && !p.stdout.includes(CANARY), 'the key never appears in the output');
});
