import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Follower, type FollowerHandler } from '../../src/kubernetes/follower.js';
import { LogFile } from '../../src/kubernetes/log-file.js';
import { systemClock } from '../../src/util/clock.js';
import { FakeKubelet } from '../helpers/kubelet.js';
import { sleep, tempDir, until } from './helpers.js';

function follow(dir: string, lines: string[]): Follower {
  const handler: FollowerHandler = {
    line: (_stream, _time, line) => void lines.push(line),
    garbage: () => undefined,
    startsAt: () => undefined,
    fileDone: () => undefined,
    lost: () => undefined,
    superseded: () => undefined,
    ended: () => undefined,
  };
  return new Follower(dir, 0, { maxLineBytes: 16384, clock: systemClock, pollMs: 250, idleMs: 2000, start: 'start', fallbackTime: () => new Date().toISOString() }, handler);
}

/**
 * A container that writes a line now and then wakes its follower once per line (inotify `change`).
 * Such a wake-up only reads: the directory is listed again only when its entries change (a `rename`
 * event), so a rotation is still seen at once, without waiting for the 2 s fallback poll.
 */
test('writes only read; a rotation (rename) makes the follower scan the directory at once', async () => {
  const k = new FakeKubelet(tempDir('sluice-k8s-follower-'));
  const c = k.pod('ns', 'p').container('c');
  c.write('stdout', 'line 0');
  const lines: string[] = [];
  const f = follow(c.dir, lines);
  await f.start();
  await until(() => lines.length === 1, 'the first line');
  const scansBefore = f.scans;
  for (let i = 1; i <= 30; i++) {
    c.write('stdout', `line ${i}`);
    await sleep(15);
  }
  await until(() => lines.length === 31, '31 lines');
  assert.ok(f.scans - scansBefore <= 1, `${f.scans - scansBefore} directory scans for 30 writes`);

  const t0 = performance.now();
  c.rotate();
  c.write('stdout', 'after rotation');
  await until(() => lines.length === 32, 'the line in the new file');
  assert.ok(performance.now() - t0 < 1500, `the new file was found after ${(performance.now() - t0).toFixed(0)} ms, not by the 2 s fallback poll`);
  assert.deepEqual(lines, [...Array.from({ length: 31 }, (_, i) => `line ${i}`), 'after rotation']);
  f.stop();
});

test('a plain file is read without a thread-pool round trip (the read settles within microtasks)', async () => {
  const k = new FakeKubelet(tempDir('sluice-k8s-logfile-'));
  const c = k.pod('ns', 'p').container('c');
  c.write('stdout', 'a line');
  const f = (await LogFile.open(c.dir, '0.log'))!;
  const buf = Buffer.alloc(1024);
  let n = -1;
  void f.read(buf).then((r) => (n = r));
  for (let i = 0; i < 5; i++) await null; // microtasks only: no I/O callback can run meanwhile
  assert.ok(n > 0, 'read before any I/O callback ran');
  assert.match(buf.subarray(0, n).toString(), /stdout F a line\n$/);
  await f.close();
});
