import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FakeKubelet } from '../helpers/kubelet.js';
import { Recorder, source, tempDir, until, sleep } from './helpers.js';

const seq = (from: number, to: number, p = '') => Array.from({ length: to - from }, (_, i) => `${p}${from + i}`);

test('several pods and containers, both streams, P/F pieces: every line once, in order, with path metadata', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  k.pieceBytes = 10;
  const web = k.pod('shop', 'web-7d9f');
  const db = k.pod('data', 'db-0');
  const app = web.container('app');
  const side = web.container('sidecar');
  const pg = db.container('postgres');
  app.write('stdout', 'first line');
  app.write('stderr', 'a line longer than ten bytes, cut into pieces');
  side.write('stdout', 'side 1');
  pg.write('stdout', 'pg 1');
  // Interleaved pieces of the two streams.
  pg.writeRaw(pg.record('stdout', 'P', 'out-a') + pg.record('stderr', 'F', 'err-whole') + pg.record('stdout', 'F', 'out-b'));
  const rec = new Recorder();
  const s = source(rec, { logDir });
  await s.start();
  await until(() => rec.records.length === 6, '6 lines');
  const by = (c: string) => rec.lines((r) => r.container.name === c);
  assert.deepEqual(by('app'), ['first line', 'a line longer than ten bytes, cut into pieces']);
  assert.deepEqual(by('postgres'), ['pg 1', 'err-whole', 'out-aout-b']);
  const r0 = rec.records.find((r) => r.container.name === 'app')!;
  assert.deepEqual(r0.container.k8s, { namespace: 'shop', pod: 'web-7d9f', container: 'app', pod_uid: web.uid, restart: 0 });
  assert.equal(r0.container.id, `${web.dirName}/app/0`);
  assert.match(r0.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  assert.deepEqual(rec.records.filter((r) => r.container.name === 'app').map((r) => r.source), ['stdout', 'stderr']);
  await s.stop();
});

test('rotation by rename, late writes into the renamed file, compression and deletion: nothing lost or repeated', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  k.maxFiles = 3;
  const c = k.pod('ns', 'p').container('c');
  const rec = new Recorder();
  const s = source(rec, { logDir });
  await s.start();
  let n = 0;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < 200; i++) c.write(i % 3 ? 'stdout' : 'stderr', `line ${n++}`);
    // The runtime still writes into the renamed file for a moment before it reopens.
    c.rotate({ reopen: false });
    for (let i = 0; i < 5; i++) c.write('stdout', `line ${n++}`);
    await sleep(round % 2 ? 0 : 120);
    c.reopen();
  }
  for (let i = 0; i < 10; i++) c.write('stdout', `line ${n++}`);
  await until(() => rec.records.length >= n, `${n} lines`);
  await sleep(300);
  assert.deepEqual(rec.lines(), seq(0, n, 'line '));
  assert.ok(c.files().some((f) => f.endsWith('.gz')), 'the writer compressed files');
  assert.equal(await rec.metrics.logFilesLost.get().then((m) => m.values.length), 0);
  await s.stop();
});

test('restart from files.json: graceful stop then a rotation and a compression while stopped lose and repeat nothing', async () => {
  const logDir = tempDir('sluice-k8s-');
  const stateDir = tempDir('sluice-state-');
  const k = new FakeKubelet(logDir);
  const c = k.pod('ns', 'p').container('c');
  for (let i = 0; i < 100; i++) c.write('stdout', `n ${i}`);
  const rec1 = new Recorder();
  const s1 = source(rec1, { logDir, stateDir });
  await s1.start();
  await until(() => rec1.records.length === 100, '100 lines');
  await s1.stop();
  await s1.saveCheckpoints();
  // While sluice is stopped: more lines, two rotations (the first rotated file is compressed).
  for (let i = 100; i < 150; i++) c.write('stdout', `n ${i}`);
  c.rotate();
  for (let i = 150; i < 200; i++) c.write('stdout', `n ${i}`);
  c.rotate();
  for (let i = 200; i < 220; i++) c.write('stdout', `n ${i}`);
  assert.ok(c.files().some((f) => f.endsWith('.gz')));
  const rec2 = new Recorder();
  const s2 = source(rec2, { logDir, stateDir });
  await s2.start();
  await until(() => rec2.records.length >= 120, '120 lines');
  await sleep(300);
  assert.deepEqual(rec2.lines(), seq(100, 220, 'n '));
  await s2.stop();
});

test('lines not acknowledged are read again after a restart; acknowledged ones are not', async () => {
  const logDir = tempDir('sluice-k8s-');
  const stateDir = tempDir('sluice-state-');
  const k = new FakeKubelet(logDir);
  const c = k.pod('ns', 'p').container('c');
  for (let i = 0; i < 50; i++) c.write('stdout', `n ${i}`);
  const rec1 = new Recorder();
  rec1.autoAck = false;
  const s1 = source(rec1, { logDir, stateDir });
  await s1.start();
  await until(() => rec1.records.length === 50, '50 lines');
  rec1.ackAll();
  for (let i = 50; i < 80; i++) c.write('stdout', `n ${i}`);
  await until(() => rec1.records.length === 80, '80 lines');
  const view = [...s1.followed()][0]!;
  assert.ok(view.lagSeconds(Date.now() + 5000) >= 5, 'checkpoint lag counts from the oldest unacknowledged line');
  assert.equal(view.checkpoint!.file, '0.log');
  await s1.stop(); // 50..79 were never acknowledged
  await s1.saveCheckpoints();
  const rec2 = new Recorder();
  const s2 = source(rec2, { logDir, stateDir });
  await s2.start();
  await until(() => rec2.records.length >= 30, '30 lines');
  await sleep(200);
  assert.deepEqual(rec2.lines(), seq(50, 80, 'n '));
  await s2.stop();
});

test('a file rotated away before it was read is counted and logged', async () => {
  const logDir = tempDir('sluice-k8s-');
  const stateDir = tempDir('sluice-state-');
  const k = new FakeKubelet(logDir);
  k.maxFiles = 2;
  const c = k.pod('ns', 'p').container('c');
  for (let i = 0; i < 10; i++) c.write('stdout', `n ${i}`);
  const rec1 = new Recorder();
  const s1 = source(rec1, { logDir, stateDir });
  await s1.start();
  await until(() => rec1.records.length === 10, '10 lines');
  await s1.stop();
  await s1.saveCheckpoints();
  // While stopped: the file holding unread lines is rotated, then rotated away (deleted).
  for (let i = 10; i < 20; i++) c.write('stdout', `n ${i}`);
  c.rotate();
  for (let i = 20; i < 30; i++) c.write('stdout', `n ${i}`);
  c.rotate(); // maxFiles 2: the first rotated file is deleted
  for (let i = 30; i < 40; i++) c.write('stdout', `n ${i}`);
  const rec2 = new Recorder();
  const s2 = source(rec2, { logDir, stateDir });
  await s2.start();
  await until(() => rec2.records.length >= 20, '20 lines');
  await sleep(200);
  assert.deepEqual(rec2.lines(), seq(20, 40, 'n '));
  const lost = (await rec2.metrics.logFilesLost.get()).values;
  assert.deepEqual(lost.map((v) => [v.labels.container, v.labels.reason, v.value]), [['c', 'rotated_away', 1]]);
  assert.ok(rec2.logs.some((l) => l.level === 'error' && /rotated away/.test(String(l.msg)) && l.file === '0.log'), 'logged at ERROR');
  await s2.stop();
});

test('a new pod is picked up within a second; a removed pod is read to its end, ended and removed', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  const rec = new Recorder();
  const s = source(rec, { logDir, pollMs: 250 });
  await s.start();
  const p = k.pod('ns', 'late');
  const c = p.container('c');
  const t0 = Date.now();
  c.write('stdout', 'hello');
  await until(() => rec.records.length === 1, 'the new pod\'s line', 1000);
  assert.ok(Date.now() - t0 < 1000);
  c.write('stdout', 'last words');
  k.removePod(p);
  await until(() => rec.removed.length === 1, 'removed');
  assert.deepEqual(rec.lines(), ['hello', 'last words']);
  assert.equal(rec.ended.length, 1);
  assert.equal(rec.removed[0], `${p.dirName}/c/0`);
  await s.stop();
});

test('a restarted container: the old run is read to its end and ends; the new run follows', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  let c = k.pod('ns', 'p').container('c');
  const rec = new Recorder();
  const s = source(rec, { logDir });
  await s.start();
  c.write('stdout', 'run 0');
  await until(() => rec.records.length === 1, 'run 0');
  c.write('stdout', 'run 0 last');
  c = c.restartContainer();
  c.write('stdout', 'run 1');
  await until(() => rec.records.length === 3 && rec.ended.length === 1, 'run 1 and the end of run 0');
  assert.deepEqual(rec.records.map((r) => [r.line, r.container.k8s?.restart]), [['run 0', 0], ['run 0 last', 0], ['run 1', 1]]);
  assert.equal(rec.ended[0]!.k8s?.restart, 0);
  await s.stop();
});

test('pause stops reading; rotations meanwhile (with compression and deletion) are read after resume', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  k.maxFiles = 2;
  const c = k.pod('ns', 'p').container('c');
  const rec = new Recorder();
  const s = source(rec, { logDir });
  await s.start();
  c.write('stdout', 'n 0');
  await until(() => rec.records.length === 1, 'first');
  const id = rec.records[0]!.container.id;
  s.pause(id);
  let n = 1;
  for (let r = 0; r < 4; r++) {
    for (let i = 0; i < 20; i++) c.write('stdout', `n ${n++}`);
    await sleep(150); // the paused follower still opens new files
    c.rotate();
  }
  await sleep(200);
  assert.equal(rec.records.length, 1, 'nothing read while paused');
  s.resume(id);
  await until(() => rec.records.length === n, `${n} lines`);
  assert.deepEqual(rec.lines(), seq(0, n, 'n '));
  await s.stop();
});

test('select: a container that is not collected is not read; status shows followed files and offsets', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  k.pod('ns', 'p').container('keep').write('stdout', 'kept');
  k.pod('ns', 'q').container('skip').write('stdout', 'skipped');
  const rec = new Recorder();
  rec.select = (info) => info.name !== 'skip';
  const s = source(rec, { logDir });
  await s.start();
  await until(() => rec.records.length === 1, 'one line');
  await sleep(200);
  assert.deepEqual(rec.lines(), ['kept']);
  const st = [...s.followed()];
  const keep = st.find((r) => r.info.name === 'keep')!;
  assert.equal(keep.attached, true);
  assert.equal(keep.files[0]!.name, '0.log');
  assert.ok(keep.files[0]!.offset > 0);
  assert.deepEqual(keep.checkpoint, { file: '0.log', offset: keep.files[0]!.offset });
  assert.equal(keep.lagSeconds(Date.now()), 0);
  assert.equal(st.find((r) => r.info.name === 'skip')!.attached, false);
  await s.stop();
  rmSync(join(logDir), { recursive: true, force: true });
});

test('a new file that reuses a checkpointed file\'s inode is read from its start (the fingerprint differs)', async () => {
  const { statSync, unlinkSync, writeFileSync } = await import('node:fs');
  const logDir = tempDir('sluice-k8s-');
  const stateDir = tempDir('sluice-state-');
  const k = new FakeKubelet(logDir);
  const c = k.pod('ns', 'p').container('c');
  for (let i = 0; i < 20; i++) c.write('stdout', `old ${i}`);
  const rec1 = new Recorder();
  const s1 = source(rec1, { logDir, stateDir });
  await s1.start();
  await until(() => rec1.records.length === 20, '20 lines');
  await s1.stop();
  await s1.saveCheckpoints();
  const ino = statSync(c.path).ino;
  c.close();
  // While stopped: the file is removed and a new one takes its name (often its inode too).
  unlinkSync(c.path);
  const later = '2099-01-01T00:00:00.1Z';
  writeFileSync(c.path, Array.from({ length: 30 }, (_, i) => `${later} stdout F new ${i}\n`).join(''));
  const rec2 = new Recorder();
  const s2 = source(rec2, { logDir, stateDir });
  await s2.start();
  await until(() => rec2.records.length >= 30, '30 lines');
  await sleep(200);
  assert.deepEqual(rec2.lines(), seq(0, 30, 'new '), `inode ${ino === statSync(c.path).ino ? 'reused' : 'not reused'}`);
  await s2.stop();
});
