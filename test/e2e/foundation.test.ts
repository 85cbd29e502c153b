/**
 * Issue 2 end to end: the real agent (child process, `sluice run`) reading the real Docker engine and
 * printing JSON to its console route.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestDocker, DOCKER_HOST, waitFor } from '../helpers/docker.js';
import { startLabelledAgent, type SluiceProcess } from '../helpers/sluice-process.js';

const td = new TestDocker();
let sluice: SluiceProcess;

before(async () => {
  sluice = await startLabelledAgent(td.runId, DOCKER_HOST);
});

after(async () => {
  const code = await sluice.stop();
  await td.cleanup();
  assert.equal(code, 0, `sluice exited ${code}:\n${sluice.stderr.slice(-2000)}`);
});

const of = (name: string) => () => sluice.records().filter((r) => r.container?.name === name);

test('non-TTY stdout and stderr, and a TTY container: every line once, with the right source', async () => {
  const plain = td.name('plain');
  const tty = td.name('tty');
  await td.run({ name: plain, script: 'for i in $(seq 1 200); do echo out-$i; echo err-$i >&2; done' });
  await td.run({ name: tty, tty: true, script: 'for i in $(seq 1 100); do echo tty-$i; done' });
  assert.ok(await waitFor(() => of(plain)().length >= 400 && of(tty)().length >= 100, 20_000), `got ${of(plain)().length} + ${of(tty)().length}`);
  await new Promise((r) => setTimeout(r, 300)); // a duplicate would show up here
  const p = of(plain)();
  const expectOut = Array.from({ length: 200 }, (_, i) => `out-${i + 1}`);
  const expectErr = Array.from({ length: 200 }, (_, i) => `err-${i + 1}`);
  assert.deepEqual(p.filter((r) => r.source === 'stdout').map((r) => r.line), expectOut);
  assert.deepEqual(p.filter((r) => r.source === 'stderr').map((r) => r.line), expectErr);
  const t = of(tty)();
  assert.deepEqual(t.map((r) => r.line), Array.from({ length: 100 }, (_, i) => `tty-${i + 1}`));
  assert.ok(t.every((r) => r.source === 'stdout'));
  assert.match(p[0]!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
});

test('a 40,000-byte line arrives as one line; a 300 KiB line is cut to 256 KiB and marked truncated', async () => {
  const name = td.name('long');
  await td.run({ name, script: "head -c 40000 /dev/zero | tr '\\0' a; echo; head -c 307200 /dev/zero | tr '\\0' b; echo; echo after" });
  assert.ok(await waitFor(() => of(name)().length >= 3, 20_000), `got ${of(name)().length}`);
  const [a, b, c] = of(name)();
  assert.equal(a!.line, 'a'.repeat(40_000));
  assert.ok(!a!.truncated);
  assert.equal(b!.line, 'b'.repeat(256 * 1024));
  assert.equal(b!.truncated, true);
  assert.equal(c!.line, 'after');
  assert.equal(of(name)().length, 3);
});

test('CRLF loses the \\r; invalid UTF-8 becomes U+FFFD; NUL and control bytes keep JSON valid', async () => {
  const name = td.name('bytes');
  await td.run({ name, script: "printf 'crlf-line\\r\\n'; printf 'bad-\\377\\376-utf8\\n'; printf 'nul-\\000-bel-\\007-esc-\\033[0m-end\\n'; printf 'caf\\303\\251\\n'" });
  assert.ok(await waitFor(() => of(name)().length >= 4, 20_000));
  const lines = of(name)().map((r) => r.line);
  assert.deepEqual(lines, ['crlf-line', 'bad-\uFFFD\uFFFD-utf8', 'nul-\u0000-bel-\u0007-esc-\u001b[0m-end', 'café']);
});

test('50 containers that print 10 lines each and exit at once: all 500 lines', async () => {
  const names = Array.from({ length: 50 }, (_, i) => td.name(`burst${i}`));
  await Promise.all(names.map((name, i) => td.run({ name, script: `for j in $(seq 1 10); do echo c${i}-l$j; done` })));
  const count = () => names.reduce((n, name) => n + of(name)().length, 0);
  assert.ok(await waitFor(() => count() >= 500, 30_000), `got ${count()} of 500`);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(count(), 500);
  names.forEach((name, i) => assert.deepEqual(of(name)().map((r) => r.line), Array.from({ length: 10 }, (_, j) => `c${i}-l${j + 1}`)));
});

test('a container whose log driver cannot be read is reported once, and others keep flowing', async () => {
  const name = td.name('nolog');
  const ok = td.name('beside');
  await td.run({ name, logDriver: 'none', script: 'for i in $(seq 1 5); do echo x$i; done; sleep 2' });
  await td.run({ name: ok, script: 'echo still-here' });
  const reported = () => sluice.logs().filter((l) => l.container === name && /cannot read/.test(String(l.msg)));
  assert.ok(await waitFor(() => reported().length >= 1 && of(ok)().length >= 1, 20_000), sluice.stderr.slice(-1500));
  await new Promise((r) => setTimeout(r, 2_500)); // the container exits; no second report
  assert.equal(reported().length, 1);
  assert.equal(reported()[0]!.driver, 'none');
  assert.equal(of(name)().length, 0);
});
