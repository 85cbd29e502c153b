/**
 * Issue 17 end to end: the real agent reading the private Docker engine while containers print
 * hostile things.
 * - 64 KiB lines built to make a backtracking engine explode, against the classic super-linear
 *   patterns in a filter, multiline.start and a /regex/ name: /healthz keeps answering within 1 s
 *   and another container's lines keep arriving.
 * - A container with an invalid `sluice.multiline.start` label (and one with a `sluice.routes` naming
 *   a missing route) is collected with the route's setting and reported once.
 * - `sluice tail` on a pseudo-terminal (util-linux `script`) shows `\x1b[2J` as text; piped, it keeps
 *   the bytes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TestDocker, DOCKER_HOST, waitFor } from '../helpers/docker.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { freePort } from '../helpers/net.js';

const TOKEN = 'hostile-token-5d1e0c7a9b';
const td = new TestDocker();
let sluice: SluiceProcess;
let base: string;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const cfg = `
version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: null
api: { listen: "127.0.0.1:${port}", token: "${TOKEN}" }
routes:
  - name: out
    match: { labels: { sluice.test: "${td.runId}", role: "/^(a+)+$|^(\\\\w+\\\\s?)*$/" } }
    filter: { exclude: ["/(a+)+$/", "/(a|a)*$x/", "/(.*a){20}/", "/(\\\\w+\\\\s?)*$!/"] }
    multiline: { start: "(\\\\w+\\\\s?)*$", timeout: 100ms }
    tags: [out]
    destination: { type: console, format: json }
    flush: { interval: 50ms }
  - name: ml
    match: { labels: { sluice.test: "${td.runId}", role: ml } }
    multiline: { start: "^START", timeout: 300ms }
    tags: [ml]
    destination: { type: console, format: json }
    flush: { interval: 50ms }
`;
  sluice = new SluiceProcess(writeConfig(cfg));
  assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 20_000), `sluice did not connect:\n${sluice.stderr}`);
});

after(async () => {
  const code = await sluice.stop();
  await td.cleanup();
  assert.equal(code, 0, `sluice exited ${code}:\n${sluice.stderr.slice(-2000)}`);
});

const of = (name: string, tag: string) => sluice.records().filter((r) => r.container.name === name && r.tags.includes(tag));

test('64 KiB backtracking bait against the classic patterns: /healthz answers within 1 s throughout, other lines keep arriving', async () => {
  const bait = td.name('bait');
  const steady = td.name('steady');
  // 65536 × "a" then "!": every split of the run is a path for a backtracking engine.
  await td.run({ name: bait, labels: { role: 'bait' }, script: 's=a; for i in $(seq 16); do s=$s$s; done; while true; do echo "$s!"; echo "$s"; sleep 0.05; done' });
  await td.run({ name: steady, labels: { role: 'steady' }, script: 'i=0; while true; do i=$((i+1)); echo steady-$i; sleep 0.05; done' });

  const slow: string[] = [];
  let probes = 0;
  const seen: number[] = [];
  const until = Date.now() + 8_000;
  while (Date.now() < until) {
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      await r.body?.cancel();
      if (r.status !== 200) slow.push(`status ${r.status}`);
    } catch (err) {
      slow.push(String(err));
    }
    const ms = performance.now() - t0;
    if (ms >= 1000) slow.push(`${ms.toFixed(0)} ms`);
    probes++;
    seen.push(of(steady, 'out').length);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(slow, [], `/healthz was slow or failed in ${slow.length} of ${probes} probes`);
  // The steady container's lines kept arriving during the whole run, not only at its start.
  const half = seen[Math.floor(seen.length / 2)]!;
  assert.ok(half > 0 && seen.at(-1)! > half + 20, `steady lines over time: ${seen.join(',')}`);
  // The bait container was matched (its label through (a+)+$) and read: its lines reached the filter.
  const read = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const m = new RegExp(`^sluice_lines_read_total\\{container="${bait}"\\} (\\d+)$`, 'm').exec(read);
  assert.ok(m && Number(m[1]) >= 20, `bait lines read: ${m?.[1]}`);
  // "aaa…a" lines are excluded by `(a+)+$`, "aaa…!" ones by `(.*a){20}`.
  assert.equal(of(bait, 'out').length, 0, 'every bait line is excluded by the filters');
});

test('an invalid sluice.multiline.start label: collected with the route\'s setting, one warning naming container and label', async () => {
  const name = td.name('badlabel');
  const routed = td.name('badroutes');
  const script = 'sleep 1; printf "START 1\\n  at a\\n  at b\\nSTART 2\\n  at c\\n"; sleep 30';
  await td.run({ name, labels: { role: 'ml', 'sluice.multiline.start': '^(?=START)' }, script });
  await td.run({ name: routed, labels: { role: 'ml', 'sluice.routes': 'ml, nope' }, script });
  assert.ok(await waitFor(() => of(name, 'ml').length >= 2 && of(routed, 'ml').length >= 2, 20_000), `records: ${JSON.stringify(of(name, 'ml'))}`);
  for (const n of [name, routed]) assert.deepEqual(of(n, 'ml').map((r) => r.line), ['START 1\n  at a\n  at b', 'START 2\n  at c']);
  const warned = (c: string, label: string) => sluice.logs().filter((l) => l.container === c && l.label === label);
  const ml = warned(name, 'sluice.multiline.start');
  assert.equal(ml.length, 1, JSON.stringify(ml));
  assert.equal(ml[0]!.level, 'warn');
  assert.match(ml[0]!.error, /lookahead/);
  assert.match(ml[0]!.msg, /routes' own multiline setting is used/);
  const rt = warned(routed, 'sluice.routes');
  assert.equal(rt.length, 1, JSON.stringify(rt));
  assert.match(rt[0]!.error, /no route is named "nope"/);
});

const hasScript = spawnSync('script', ['--version']).status === 0;

test('sluice tail on a terminal shows \\x1b[2J as text; piped, the bytes are kept', { skip: !hasScript && 'util-linux script is not installed' }, async () => {
  const name = td.name('ansi');
  await td.run({ name, script: 'while true; do printf "clear\\033[2Jscreen\\n"; sleep 0.05; done' });
  const args = [join(REPO, 'bin', 'sluice.js'), 'tail', '--api', base, '--token', TOKEN, '--name', name];
  const run = (cmd: string, argv: string[]) => {
    const child = spawn(cmd, argv, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    return { child, out: () => out };
  };
  const piped = run(process.execPath, args);
  const quoted = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
  const tty = run('script', ['-q', '-c', quoted, '/dev/null']);
  try {
    assert.ok(await waitFor(() => piped.out().split('\n').length > 5 && tty.out().split('\n').length > 5, 20_000), `piped: ${piped.out()}\ntty: ${tty.out()}`);
    const ttyLines = tty.out().split('\n').filter((l) => l.includes('clear'));
    for (const l of ttyLines) assert.equal(l.replace(/\r$/, ''), `${name} stdout | clear\\x1b[2Jscreen`);
    assert.ok(!tty.out().includes('\x1b[2J'), 'no raw escape reaches the terminal');
    const pipedLines = piped.out().split('\n').filter((l) => l.includes('clear'));
    assert.ok(pipedLines.length > 0);
    for (const l of pipedLines) assert.equal(l, `${name} stdout | clear\x1b[2Jscreen`);
  } finally {
    piped.child.kill();
    tty.child.kill();
  }
});
