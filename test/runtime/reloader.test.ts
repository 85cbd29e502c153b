/**
 * The reloader's decisions and timing, with a manual clock and a hand-driven watcher: debounce,
 * the content hash, reject-once, the poll safety net, watcher recovery, SIGHUP, a missing file.
 * (test/runtime/reload-fs.test.ts drives the same class with chokidar and real file operations.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ManualClock } from '../../src/util/clock.js';
import { createMetrics, type Metrics } from '../../src/telemetry/metrics.js';
import { Reloader } from '../../src/runtime/reloader.js';
import { FakeTarget, FakeWatcher, captureLogger, configText, load, tempConfig } from './helpers.js';

const value = async (m: { get(): Promise<{ values: { value: number }[] }> }) => (await m.get()).values[0]?.value ?? 0;
const counts = async (metrics: Metrics) => ({
  reloads: await value(metrics.configReloads),
  failures: await value(metrics.configReloadFailures),
  lastOk: await value(metrics.configLastReloadSuccessful),
});

async function setup(opts: { text?: string; poll?: number; env?: NodeJS.ProcessEnv; files?: Record<string, string> } = {}) {
  const text = opts.text ?? configText(['a']);
  const { dir, file } = tempConfig(text);
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  const target = new FakeTarget(await load(text, file, opts.env));
  const clock = new ManualClock();
  const watcher = new FakeWatcher();
  const metrics = createMetrics();
  const log = captureLogger();
  const reloader = new Reloader({
    file,
    env: opts.env ?? {},
    agent: target,
    logger: log.logger,
    metrics,
    clock,
    ...(opts.poll !== undefined ? { pollIntervalMs: opts.poll } : {}),
    watch: watcher.factory,
    loadOptions: { hostname: 'box' },
  });
  await reloader.start();
  /** Moves the manual clock and waits for the checks its timers started. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await reloader.idle();
  };
  return { dir, file, target, clock, watcher, metrics, log, reloader, advance };
}

test('start: watches the config directory, checks once, applies nothing when the file is as loaded', async () => {
  const s = await setup();
  assert.deepEqual(s.watcher.current.dirs, [s.dir]);
  assert.equal(s.target.applied.length, 0);
  assert.deepEqual(s.reloader.status(), { hash: s.target.config.hash, file: s.file, lastReload: null });
  assert.equal(await value(s.metrics.configLastReloadSuccessful), 1);
  assert.equal(await value(s.metrics.configLastReloadSuccessTimestamp), s.clock.now() / 1000, 'the start counts as a successful load');
  await s.reloader.stop();
});

test('a burst of events is debounced (200 ms after the last) into one applied reload', async () => {
  const s = await setup();
  writeFileSync(s.file, configText(['a', 'b']));
  s.watcher.emit('change', s.file);
  await s.advance(100);
  s.watcher.emit('change', s.file);
  await s.advance(150);
  s.watcher.emit('add', s.file);
  await s.advance(199);
  assert.equal(s.target.applied.length, 0, 'still debouncing');
  await s.advance(1);
  assert.deepEqual(s.target.applied.map((c) => c.routes.map((r) => r.name)), [['a', 'b']]);
  assert.deepEqual(await counts(s.metrics), { reloads: 1, failures: 0, lastOk: 1 });
  assert.equal(await value(s.metrics.configLastReloadSuccessTimestamp), s.clock.now() / 1000);
  const st = s.reloader.status();
  assert.equal(st.hash, s.target.applied[0]!.hash);
  assert.equal(st.lastReload?.ok, true);
  assert.equal(st.lastReload?.summary, 'fake');
  assert.equal(st.lastReload?.at, new Date(s.clock.now()).toISOString());
  assert.ok(s.log.lines().some((l) => l.msg === 'Config reloaded' && l.summary === 'fake'));
  await s.reloader.stop();
});

test('events for other files in the directory are ignored; identical content never reloads', async () => {
  const s = await setup();
  const same = configText(['a']);
  writeFileSync(join(s.dir, 'other.yaml'), 'x: 1');
  s.watcher.emit('change', join(s.dir, 'other.yaml'));
  writeFileSync(s.file, same); // the same bytes, rewritten (a ConfigMap swap to equal content does this)
  for (let i = 0; i < 5; i++) {
    s.watcher.emit('change', s.file);
    await s.advance(1000);
  }
  assert.equal(s.target.applied.length, 0);
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 0, lastOk: 1 }, 'the config loaded at start is the last success');
  assert.equal(s.reloader.status().lastReload, null);
  await s.reloader.stop();
});

test('invalid then fixed: old config kept, the error reported once with file:line:col, then applied', async () => {
  const s = await setup();
  const before = s.target.config;
  writeFileSync(s.file, configText(['a']).replace('type: console', 'type: consol'));
  s.watcher.emit('change', s.file);
  await s.advance(200);
  assert.equal(s.target.config, before, 'the running config is untouched');
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 1, lastOk: 0 });
  const st = s.reloader.status();
  assert.equal(st.lastReload?.ok, false);
  assert.equal(st.hash, before.hash);
  assert.ok(st.lastReload?.errors?.length);
  assert.match(st.lastReload!.errors![0]!, new RegExp(`^${s.file.replace(/[.]/g, '\\.')}:7:\\d+: routes\\[0\\]\\.destination`));
  const errs = () => s.log.lines().filter((l) => l.level === 'error');
  assert.equal(errs().length, 1);
  assert.deepEqual(errs()[0]!.errors, st.lastReload!.errors);

  // More events and polls on the same bad content: not reported again.
  s.watcher.emit('change', s.file);
  await s.advance(200);
  await s.advance(60_000);
  assert.equal(errs().length, 1);
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 1, lastOk: 0 });

  writeFileSync(s.file, configText(['a', 'fixed']));
  s.watcher.emit('change', s.file);
  await s.advance(200);
  assert.deepEqual(s.target.config.routes.map((r) => r.name), ['a', 'fixed']);
  assert.deepEqual(await counts(s.metrics), { reloads: 1, failures: 1, lastOk: 1 });
  assert.equal(s.reloader.status().lastReload?.ok, true);
  await s.reloader.stop();
});

test('invalid, then back to the running content: no reload, but the file is reported good again', async () => {
  const s = await setup();
  const good = configText(['a']);
  writeFileSync(s.file, 'version: 1\nroutes: [\n');
  s.watcher.emit('change', s.file);
  await s.advance(200);
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 1, lastOk: 0 });
  writeFileSync(s.file, good);
  s.watcher.emit('change', s.file);
  await s.advance(200);
  assert.equal(s.target.applied.length, 0);
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 1, lastOk: 1 });
  assert.equal(s.reloader.status().lastReload?.ok, true);
  await s.reloader.stop();
});

test('an apply the agent refuses (a restart is needed) is reported once with its reason', async () => {
  const s = await setup();
  s.target.answer = () => ({ ok: false, reason: 'state_dir: changing it needs a restart' });
  writeFileSync(s.file, configText(['a']).replace('state_dir: null', 'state_dir: /elsewhere'));
  for (let i = 0; i < 3; i++) {
    s.watcher.emit('change', s.file);
    await s.advance(200);
  }
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 1, lastOk: 0 });
  assert.deepEqual(s.reloader.status().lastReload?.errors, ['state_dir: changing it needs a restart']);
  await s.reloader.stop();
});

test('the poll safety net applies a change no event reported', async () => {
  const s = await setup({ poll: 5000 });
  writeFileSync(s.file, configText(['a', 'polled']));
  await s.advance(4999);
  assert.equal(s.target.applied.length, 0);
  await s.advance(1);
  assert.equal(s.target.applied.length, 1);
  await s.advance(5000); // and it keeps polling: nothing new, nothing applied
  assert.equal(s.target.applied.length, 1);
  writeFileSync(s.file, configText(['polled']));
  await s.advance(5000);
  assert.equal(s.target.applied.length, 2);
  await s.reloader.stop();
});

test('an applied config brings its own reload timings (debounce, poll interval)', async () => {
  const s = await setup({ text: configText(['a']).replace('version: 1\n', 'version: 1\nreload: { debounce: 200ms, poll_interval: 60s }\n') });
  writeFileSync(s.file, configText(['a']).replace('version: 1\n', 'version: 1\nreload: { debounce: 50ms, poll_interval: 2s }\n'));
  s.watcher.emit('change', s.file);
  await s.advance(200);
  assert.equal(s.target.applied.length, 1);
  writeFileSync(s.file, configText(['b']).replace('version: 1\n', 'version: 1\nreload: { debounce: 50ms, poll_interval: 2s }\n'));
  s.watcher.emit('change', s.file);
  await s.advance(50);
  assert.equal(s.target.applied.length, 2, 'the new 50 ms debounce');
  writeFileSync(s.file, configText(['c']).replace('version: 1\n', 'version: 1\nreload: { debounce: 50ms, poll_interval: 2s }\n'));
  await s.advance(2000);
  assert.equal(s.target.applied.length, 3, 'the new 2 s poll');
  await s.reloader.stop();
});

test('a watcher error: closed, re-created with backoff, and the file checked at once', async () => {
  const s = await setup();
  const first = s.watcher.current;
  first.handlers.error(new Error('ENOSPC: System limit for number of file watchers reached'));
  assert.equal(first.closed, true);
  assert.equal(s.watcher.created.length, 1, 'not re-created before the backoff');
  writeFileSync(s.file, configText(['a', 'while-blind'])); // changed while no watcher ran
  await s.advance(500); // first backoff is in [250, 500] ms
  assert.equal(s.watcher.created.length, 2);
  assert.deepEqual(s.watcher.current.dirs, [s.dir]);
  assert.equal(s.target.applied.length, 1, 'the speculative check found the change');
  assert.ok(s.log.lines().some((l) => l.level === 'warn' && /watcher failed/.test(l.msg)));
  // Events from the closed watcher are ignored; the new one works.
  first.handlers.event('change', s.file);
  writeFileSync(s.file, configText(['b']));
  s.watcher.emit('change', s.file);
  await s.advance(200);
  assert.equal(s.target.applied.length, 2);
  await s.reloader.stop();
});

test('reload() (SIGHUP): at once, no debounce; it reports a rejected config again', async () => {
  const s = await setup();
  writeFileSync(s.file, configText(['a', 'hup']));
  assert.equal(await s.reloader.reload(), 'applied');
  assert.equal(s.target.applied.length, 1);
  assert.equal(await s.reloader.reload(), 'unchanged');
  writeFileSync(s.file, 'version: 2\n');
  assert.equal(await s.reloader.reload(), 'rejected');
  assert.equal(await s.reloader.reload(), 'rejected');
  assert.deepEqual(await counts(s.metrics), { reloads: 1, failures: 2, lastOk: 0 });
  // A debounced event pending when SIGHUP arrives is folded into it.
  writeFileSync(s.file, configText(['hup']));
  s.watcher.emit('change', s.file);
  assert.equal(await s.reloader.reload(), 'applied');
  await s.advance(1000);
  assert.equal(s.target.applied.length, 2);
  await s.reloader.stop();
});

test('checks never overlap: requests during a slow apply run once more afterwards', async () => {
  const s = await setup();
  let release!: () => void;
  s.target.answer = () => new Promise((r) => (release = () => r({ ok: true, summary: 'slow', globalChanged: [] })));
  writeFileSync(s.file, configText(['a', 'one']));
  const first = s.reloader.reload();
  await new Promise((r) => setTimeout(r, 20));
  writeFileSync(s.file, configText(['a', 'two']));
  const second = s.reloader.check(true);
  const third = s.reloader.check();
  assert.equal(second, third, 'queued requests share one follow-up check');
  release();
  assert.equal(await first, 'applied');
  await new Promise((r) => setTimeout(r, 20));
  release();
  assert.equal(await second, 'applied');
  assert.equal(s.target.maxConcurrent, 1);
  assert.deepEqual(s.target.applied.map((c) => c.routes.map((r) => r.name)), [['a', 'one'], ['a', 'two']]);
  await s.reloader.stop();
});

test('unlink never drops the running config: a missing file is warned about once; re-created, it applies', async () => {
  const s = await setup({ poll: 5000 });
  unlinkSync(s.file);
  s.watcher.emit('unlink', s.file);
  await s.advance(200);
  await s.advance(5000);
  await s.advance(5000);
  const warns = s.log.lines().filter((l) => l.level === 'warn' && /gone/.test(l.msg));
  assert.equal(warns.length, 1);
  assert.equal(s.target.applied.length, 0);
  assert.deepEqual(await counts(s.metrics), { reloads: 0, failures: 0, lastOk: 1 }, "a missing file is not a failed reload");
  writeFileSync(s.file, configText(['back']));
  s.watcher.emit('add', s.file);
  await s.advance(200);
  assert.deepEqual(s.target.config.routes.map((r) => r.name), ['back']);
  await s.reloader.stop();
});

test('${file:} secrets: their directories are watched, and a rotated secret reloads', async () => {
  const text = `version: 1\nstate_dir: null\napi: null\nroutes:\n  - name: h\n    destination: { type: http, url: "http://127.0.0.1:9/x", headers: { X-Token: "\${file:secrets/token}" } }\n`;
  const s = await setup({ text, files: { 'secrets/token': 'one\n' } });
  assert.deepEqual(s.watcher.current.dirs, [s.dir, join(s.dir, 'secrets')].sort());
  writeFileSync(join(s.dir, 'secrets', 'token'), 'two\n');
  s.watcher.emit('change', join(s.dir, 'secrets', 'token'));
  await s.advance(200);
  assert.equal(s.target.applied.length, 1);
  assert.equal(s.target.config.routes[0]!.destination.type, 'http');
  const h = s.target.config.routes[0]!.destination;
  assert.equal(h.type === 'http' && h.headers['X-Token']!.reveal(), 'two');
  assert.ok(!JSON.stringify(s.reloader.status()).includes('two'), 'no secret in status');
  // A config that stops using the secret stops watching its directory.
  writeFileSync(s.file, configText(['a']));
  s.watcher.emit('change', s.file);
  await s.advance(200);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(s.watcher.current.dirs, [s.dir]);
  await s.reloader.stop();
});

test('stop is idempotent and safe before start; after stop nothing is checked', async () => {
  const s = await setup();
  await s.reloader.stop();
  await s.reloader.stop();
  assert.equal(s.watcher.created[0]!.closed, true);
  writeFileSync(s.file, configText(['late']));
  await s.advance(120_000);
  assert.equal(await s.reloader.reload(), 'stopped');
  assert.equal(s.target.applied.length, 0);
  assert.equal(s.clock.pending, 0, 'no timer left behind');
  const never = new Reloader({ file: s.file, env: {}, agent: s.target, logger: s.log.logger, metrics: s.metrics, watch: s.watcher.factory });
  await never.stop();
  await never.stop();
});
