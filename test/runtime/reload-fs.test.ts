/**
 * The reloader with chokidar, real file operations and the real Agent (not reading Docker: the
 * apply path is what matters here). Every way a mounted file changes, at the default 200 ms debounce:
 * the Kubernetes AtomicWriter swap (timed: applied < 1 s after the rename), an editor's
 * rename-into-place, a write in place, delete then re-create, identical content, invalid then fixed,
 * and a real SIGHUP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, lstatSync, readlinkSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { Agent } from '../../src/runtime/agent.js';
import { Reloader, type AppliedEvent, type ReloaderOptions } from '../../src/runtime/reloader.js';
import { createConsoleSink } from '../../src/sinks/console.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { captureLogger, configText, load, tempConfig } from './helpers.js';

const names = (a: Agent) => a.config.routes.map((r) => r.name);
const value = async (m: { get(): Promise<{ values: { value: number }[] }> }) => (await m.get()).values[0]?.value ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(file: string, extra: Partial<ReloaderOptions> = {}) {
  const metrics = createMetrics();
  const log = captureLogger();
  const agent = new Agent(await load(readFileSync(file, 'utf8'), file), {
    logger: log.logger,
    metrics,
    sinkFactory: (rc) => createConsoleSink(rc.destination.type === 'console' ? rc.destination : { type: 'console', format: 'text' }, new PassThrough()),
  });
  const reloader = new Reloader({ file, env: {}, agent, logger: log.logger, metrics, loadOptions: { hostname: 'box' }, ...extra });
  await reloader.start();
  const applied: AppliedEvent[] = [];
  reloader.on('applied', (e: AppliedEvent) => applied.push(e));
  /** Resolves with the ms from `since` to the next applied event (rejects after `ms`). */
  const nextApplied = (ms = 10_000) =>
    new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no reload within ${ms} ms:\n${log.lines().map((l) => l.msg).join('\n')}`)), ms);
      reloader.once('applied', () => {
        clearTimeout(t);
        resolve(performance.now());
      });
    });
  return { agent, reloader, metrics, log, applied, nextApplied, stop: () => reloader.stop() };
}

/** A ConfigMap volume as the kubelet lays it out: `..<ts>/sluice.yaml`, `..data` → it, `sluice.yaml` → `..data/sluice.yaml`. */
class AtomicWriterDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'sluice-cm-'));
  readonly file = join(this.dir, 'sluice.yaml');
  #n = 0;
  #current = '';
  constructor(text: string) {
    this.#current = this.#writeTsDir(text);
    symlinkSync(this.#current, join(this.dir, '..data'));
    symlinkSync('..data/sluice.yaml', this.file);
  }
  #writeTsDir(text: string): string {
    const ts = `..2026_01_01_00_00_${String(this.#n++).padStart(2, '0')}.${process.hrtime.bigint()}`;
    mkdirSync(join(this.dir, ts));
    writeFileSync(join(this.dir, ts, 'sluice.yaml'), text);
    return ts;
  }
  /** The update, step by step as in kubernetes/pkg/volume/util/atomic_writer.go; returns when the rename happened. */
  update(text: string): number {
    const next = this.#writeTsDir(text); // 1. new timestamped dir with the payload
    symlinkSync(next, join(this.dir, '..data_tmp')); // 2. ..data_tmp → it
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data')); // 3. atomic rename over ..data
    const at = performance.now();
    rmSync(join(this.dir, this.#current), { recursive: true }); // 5. old dir removed
    this.#current = next;
    return at;
  }
}

test('Kubernetes AtomicWriter swap: each update applied < 1 s after the rename; an identical swap does nothing', async (t) => {
  const cm = new AtomicWriterDir(configText(['a']));
  assert.equal(readlinkSync(cm.file), '..data/sluice.yaml');
  assert.ok(lstatSync(join(cm.dir, '..data')).isSymbolicLink());
  const s = await start(cm.file);
  try {
    for (const routes of [['a', 'b'], ['b'], ['b', 'c', 'd']]) {
      const applied = s.nextApplied();
      const renamed = cm.update(configText(routes));
      const ms = (await applied) - renamed;
      t.diagnostic(`applied ${ms.toFixed(0)} ms after the rename of ..data (debounce 200 ms)`);
      assert.ok(ms < 1000, `applied ${ms.toFixed(0)} ms after the rename`);
      assert.deepEqual(names(s.agent), routes);
    }
    assert.equal(await value(s.metrics.configReloads), 3);
    cm.update(configText(['b', 'c', 'd'])); // the same content, swapped in anew
    await sleep(800);
    assert.equal(s.applied.length, 3);
    assert.equal(await value(s.metrics.configReloads), 3);
  } finally {
    await s.stop();
  }
});

test('editor rename-into-place, write in place, delete then re-create: each applied once', async () => {
  const { dir, file } = tempConfig(configText(['a']));
  const s = await start(file);
  try {
    let applied = s.nextApplied();
    writeFileSync(join(dir, '.sluice.yaml.swp'), configText(['renamed']));
    renameSync(join(dir, '.sluice.yaml.swp'), file);
    await applied;
    assert.deepEqual(names(s.agent), ['renamed']);

    applied = s.nextApplied();
    writeFileSync(file, configText(['in-place']));
    await applied;
    assert.deepEqual(names(s.agent), ['in-place']);

    unlinkSync(file);
    await sleep(600);
    assert.deepEqual(names(s.agent), ['in-place'], 'a deleted file never drops the running config');
    assert.ok(s.log.lines().some((l) => l.level === 'warn' && /gone/.test(l.msg)));
    applied = s.nextApplied();
    writeFileSync(file, configText(['recreated']));
    await applied;
    assert.deepEqual(names(s.agent), ['recreated']);
    await sleep(400);
    assert.equal(s.applied.length, 3, 'one reload per change');
    assert.equal(await value(s.metrics.configReloads), 3);
  } finally {
    await s.stop();
  }
});

test('identical content written again: no reload, counters unchanged', async () => {
  const { file } = tempConfig(configText(['a']));
  const s = await start(file);
  try {
    writeFileSync(file, configText(['a']));
    writeFileSync(file + '.new', configText(['a']));
    renameSync(file + '.new', file);
    await sleep(700);
    assert.equal(s.applied.length, 0);
    assert.equal(await value(s.metrics.configReloads), 0);
    assert.equal(await value(s.metrics.configReloadFailures), 0);
  } finally {
    await s.stop();
  }
});

test('invalid then fixed: the old config runs meanwhile, the error is reported once, then the fix applies', async () => {
  const { file } = tempConfig(configText(['a']));
  const s = await start(file);
  try {
    const hash = s.agent.config.hash;
    const bad = configText(['a', 'b']).replace('name: b', 'name: b\n    bogus: 1');
    writeFileSync(file, bad);
    await sleep(500);
    writeFileSync(file, bad); // the same bad content again: not re-reported
    await sleep(500);
    assert.equal(s.agent.config.hash, hash);
    assert.deepEqual(names(s.agent), ['a']);
    assert.equal(await value(s.metrics.configReloadFailures), 1);
    assert.equal(await value(s.metrics.configLastReloadSuccessful), 0);
    const errors = s.log.lines().filter((l) => l.level === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.errors[0], /sluice\.yaml:\d+:\d+: routes\[1\]/);
    assert.equal(s.reloader.status().lastReload?.ok, false);

    const applied = s.nextApplied();
    writeFileSync(file, configText(['a', 'b']));
    await applied;
    assert.deepEqual(names(s.agent), ['a', 'b']);
    assert.equal(await value(s.metrics.configLastReloadSuccessful), 1);
    assert.equal(await value(s.metrics.configReloadFailures), 1);
  } finally {
    await s.stop();
  }
});

test('SIGHUP reloads at once, with no file event to help', async () => {
  const { file } = tempConfig(configText(['a']));
  // No watcher and a long poll: only the signal can make this reload happen. A 10 s debounce that a
  // SIGHUP must skip: applied well inside it means the signal went straight to a reload.
  const s = await start(file, { watch: () => ({ ready: Promise.resolve(), close: async () => undefined }), pollIntervalMs: 600_000, debounceMs: 10_000 });
  const onHup = () => void s.reloader.reload();
  process.on('SIGHUP', onHup);
  try {
    writeFileSync(file, configText(['a', 'hup']));
    await sleep(400);
    assert.deepEqual(names(s.agent), ['a'], 'nothing reloads by itself');
    const applied = s.nextApplied();
    const sent = performance.now();
    process.kill(process.pid, 'SIGHUP');
    assert.ok((await applied) - sent < 5000, 'no debounce on SIGHUP');
    assert.deepEqual(names(s.agent), ['a', 'hup']);
  } finally {
    process.off('SIGHUP', onHup);
    await s.stop();
  }
});
