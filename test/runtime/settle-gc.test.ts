/**
 * The one memory-reducing GC after start-up (src/runtime/settle-gc.ts): it runs a forced full
 * collection without leaving `gc` exposed to any code, and `sluice run` schedules it once the engine
 * answered. What it saves is measured by `npm run bench` (idle rows) on the image's Node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCKER_HOST, hasDocker } from '../helpers/docker.js';
import { runFreshScript } from '../helpers/fresh-process.js';
import { REPO, writeConfig } from '../helpers/sluice-process.js';

test('collectStartupGarbage runs one forced full GC and leaves no gc function behind', () => {
  const mod = JSON.stringify(pathToFileURL(join(REPO, 'src', 'runtime', 'settle-gc.ts')).href);
  const out = runFreshScript(`
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
const { collectStartupGarbage } = await import(${mod});
const forced = [];
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced.push(e.detail.kind);
});
obs.observe({ entryTypes: ['gc'] });
const ran = collectStartupGarbage();
setTimeout(() => {
  obs.disconnect();
  process.stdout.write(JSON.stringify({ ran, forced, major: constants.NODE_PERFORMANCE_GC_MAJOR, global: typeof globalThis.gc, context: runInNewContext('typeof gc') }));
}, 100);`);
  const r = JSON.parse(out) as { ran: boolean; forced: number[]; major: number; global: string; context: string };
  assert.equal(r.ran, true);
  assert.ok(r.forced.includes(r.major), `a forced major GC ran: ${JSON.stringify(r.forced)}`);
  assert.equal(r.global, 'undefined', 'gc is not a global of the main context');
  assert.equal(r.context, 'undefined', 'nor of a context made afterwards');
});

test('sluice run collects start-up garbage once, after it connected', { skip: !hasDocker, timeout: 60_000 }, async (t) => {
  const config = writeConfig(`version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: "${mkdtempSync(join(tmpdir(), 'sluice-gc-state-'))}"
api: null
containers: { opt_in: true }
routes:
  - name: all
    destination: { type: console }
`);
  // --trace-gc prints every collection on stdout; V8 names the ones its gc function asked for `testing`.
  const agent = spawn(process.execPath, ['--trace-gc', join(REPO, 'bin', 'sluice.js'), 'run', '--config', config], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => agent.kill());
  let stdout = '';
  let stderr = '';
  let connectedAt = 0;
  agent.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  agent.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (!connectedAt && stderr.includes('Connected to the Docker engine')) connectedAt = Date.now();
  });
  const asked = () => stdout.split('\n').filter((l) => /Mark-Compact.*testing/.test(l));
  const deadline = Date.now() + 30_000;
  while (asked().length === 0 && Date.now() < deadline && agent.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  assert.ok(asked().length > 0, `a start-up collection:\n${stdout.slice(-3000)}\n${stderr.slice(-2000)}`);
  assert.ok(connectedAt > 0, 'it came after the agent connected');
  // Node 24's last-resort collection is up to a few full GCs back to back; then none.
  await new Promise((r) => setTimeout(r, 500));
  const once = asked().length;
  await new Promise((r) => setTimeout(r, 3000));
  assert.equal(asked().length, once, 'and only once');
});
