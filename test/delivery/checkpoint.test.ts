import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointStore } from '../../src/delivery/checkpoint.js';
import { ManualClock } from '../../src/util/clock.js';
import { captureLogger } from './helpers.js';

const cp = (s: string, count = 1) => ({ time: `2024-05-06T07:08:${s}.000000000Z`, count });

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-cp-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function store(dir: string | null, clock = new ManualClock()) {
  const cap = captureLogger();
  return { clock, logs: cap.lines, s: new CheckpointStore({ dir, clock, logger: cap.logger, intervalMs: 1000 }) };
}

const readJson = async (dir: string) => JSON.parse(await readFile(join(dir, 'checkpoints.json'), 'utf8')) as Record<string, unknown>;

test('updates are coalesced: written soon after the first, then at most once per interval, atomically', async () => {
  await withDir(async (dir) => {
    const { s, clock } = store(join(dir, 'state')); // created on first write
    await s.load();
    s.update('c1', { stdout: cp('01') }, 'web-1');
    s.update('c1', { stdout: cp('02'), stderr: cp('00', 0) });
    s.update('c2', { stderr: cp('03', 7) }, 'db');
    assert.equal(s.writes, 0);
    clock.advance(0); // soon: the crash window stays small
    await s.idle();
    assert.equal(s.writes, 1);
    const doc = await readJson(join(dir, 'state'));
    assert.deepEqual(doc, {
      version: 1,
      containers: {
        c1: { updatedAt: clock.now(), stdout: cp('02'), stderr: cp('00', 0), name: 'web-1' },
        c2: { updatedAt: clock.now(), stderr: cp('03', 7), name: 'db' },
      },
    });
    clock.advance(10);
    for (let i = 0; i < 50; i++) s.update('c1', { stdout: cp('04', i) });
    clock.advance(989);
    await s.idle();
    assert.equal(s.writes, 1, 'not twice within one interval');
    clock.advance(1);
    await s.idle();
    assert.equal(s.writes, 2);
    assert.deepEqual((await readJson(join(dir, 'state'))).containers, {
      c1: { updatedAt: clock.now() - 1000 + 10, stdout: cp('04', 49), name: 'web-1' },
      c2: { updatedAt: clock.now() - 1000, stderr: cp('03', 7), name: 'db' },
    });
    assert.deepEqual(await readdir(join(dir, 'state')), ['checkpoints.json'], 'no temp file left behind');
    clock.advance(60_000);
    await s.idle();
    assert.equal(s.writes, 2, 'nothing changed, nothing written');
  });
});

test('flush writes at once (shutdown) and a new store loads what was written', async () => {
  await withDir(async (dir) => {
    const { s } = store(dir);
    s.update('c1', { stdout: cp('05', 3) }, 'web-1');
    await s.flush();
    assert.equal(s.writes, 1);
    const { s: s2 } = store(dir);
    const loaded = await s2.load();
    assert.deepEqual([...loaded], [['c1', { stdout: cp('05', 3), name: 'web-1', updatedAt: 1_700_000_000_000 }]]);
    await s.flush();
    assert.equal(s.writes, 1, 'flush with nothing new writes nothing');
  });
});

test('a stale temp file from a crash mid-write does not matter: the last complete file is loaded', async () => {
  await withDir(async (dir) => {
    const { s } = store(dir);
    s.update('c1', { stdout: cp('06') });
    await s.flush();
    await writeFile(join(dir, 'checkpoints.json.tmp-999'), '{"version":1,"contai');
    const loaded = await store(dir).s.load();
    assert.deepEqual(loaded.get('c1')?.stdout, cp('06'));
  });
});

for (const [what, text] of [
  ['not JSON', '{"version":1,"containers":{'],
  ['another version', '{"version":2,"containers":{}}'],
  ['a bad checkpoint', '{"version":1,"containers":{"c1":{"updatedAt":1,"stdout":{"time":"soon","count":1}}}}'],
  ['a negative count', '{"version":1,"containers":{"c1":{"updatedAt":1,"stdout":{"time":"2024-05-06T07:08:09Z","count":-1}}}}'],
] as const) {
  test(`a corrupt file (${what}) is moved aside with a warning and sluice starts empty`, async () => {
    await withDir(async (dir) => {
      await writeFile(join(dir, 'checkpoints.json'), text);
      const { s, logs, clock } = store(dir);
      const loaded = await s.load();
      assert.equal(loaded.size, 0);
      assert.deepEqual(await readdir(dir), [`checkpoints.json.corrupt-${clock.now()}`]);
      assert.equal(await readFile(join(dir, `checkpoints.json.corrupt-${clock.now()}`), 'utf8'), text);
      assert.equal(logs.filter((l) => l.level === 40).length, 1);
      s.update('c1', { stdout: cp('07') });
      await s.flush();
      assert.equal(((await readJson(dir)).containers as Record<string, unknown>).c1 !== undefined, true);
    });
  });
}

test('forget keeps a removed container for 24 h, then drops it at the next write', async () => {
  await withDir(async (dir) => {
    const { s, clock } = store(dir);
    s.update('gone', { stdout: cp('08') });
    s.update('kept', { stdout: cp('09') });
    s.forget('gone');
    await s.flush();
    assert.equal(((await readJson(dir)).containers as Record<string, { removedAt?: number }>).gone?.removedAt, clock.now());
    clock.advance(24 * 3600_000 - 1);
    s.update('kept', { stdout: cp('10') });
    await s.flush();
    assert.ok(((await readJson(dir)).containers as Record<string, unknown>).gone);
    clock.advance(1);
    s.update('kept', { stdout: cp('11') });
    await s.flush();
    assert.deepEqual(Object.keys((await readJson(dir)).containers as object), ['kept']);
  });
});

test('dir null keeps checkpoints in memory only', async () => {
  const { s, clock } = store(null);
  assert.equal((await s.load()).size, 0);
  s.update('c1', { stdout: cp('12') });
  clock.advance(5000);
  await s.flush();
  assert.equal(s.writes, 0);
  assert.equal(clock.pending, 0);
  assert.deepEqual(s.get('c1')?.stdout, cp('12'));
});

test('a failed write is logged and retried at the next interval, never thrown', async () => {
  await withDir(async (dir) => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const { s, clock, logs } = store(join(blocker, 'state')); // a directory under a file: mkdir fails
    s.update('c1', { stdout: cp('13') });
    await s.flush();
    assert.equal(s.writes, 0);
    assert.equal(logs.filter((l) => l.level === 50).length, 1);
    assert.equal(clock.pending, 1, 'a retry is scheduled');
  });
});

test('updateLazy computes the checkpoints only when writing, and writes the newest', async () => {
  await withDir(async (dir) => {
    const { s, clock } = store(dir);
    await s.load();
    let calls = 0;
    let current = cp('01');
    const source = () => (calls++, { stdout: current });
    for (let i = 0; i < 100; i++) s.updateLazy('c1', source, 'web-1');
    assert.equal(calls, 0, 'not computed per update');
    current = cp('09', 3);
    clock.advance(0);
    await s.idle();
    assert.equal(calls, 1, 'computed once, for the write');
    assert.deepEqual((await readJson(dir)).containers, { c1: { updatedAt: clock.now(), stdout: cp('09', 3), name: 'web-1' } });
    // An eager update replaces a pending lazy one.
    s.updateLazy('c1', source, 'web-1');
    s.update('c1', { stdout: cp('10') });
    clock.advance(1000);
    await s.idle();
    assert.equal(calls, 1);
    assert.deepEqual(((await readJson(dir)).containers as Record<string, { stdout: unknown }>).c1!.stdout, cp('10'));
  });
});

test('updateLazy with dir null never computes anything', async () => {
  const { s, clock } = store(null);
  let calls = 0;
  s.updateLazy('c1', () => (calls++, {}), 'x');
  clock.advance(5000);
  await s.flush();
  assert.equal(calls, 0);
});

test('an unwritable state_dir: one clear ERROR at start (no stack), retried each second, repeated at most every 5 minutes, cleared when it works again', async () => {
  await withDir(async (dir) => {
    // A regular file where state_dir's parent should be: every mkdir fails (as root too, unlike a mode).
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'x');
    const stateDir = join(blocker, 'state');
    const { s, clock, logs } = store(stateDir);
    await s.load();
    const errors = () => logs.filter((l) => l.level === 50);
    assert.equal(errors().length, 1, 'the write check at start reports it');
    const first = errors()[0]!;
    assert.match(String(first.msg), /state_dir .*blocker\/state: checkpoints cannot be written \(ENOTDIR/);
    assert.match(String(first.msg), /backfill/);
    assert.equal(first.err, undefined, 'no error object, so no stack trace');
    assert.ok(!JSON.stringify(first).includes('    at '), 'no stack trace');
    assert.match(s.problem ?? '', /ENOTDIR/);
    assert.equal(s.failures, 1);

    // Acknowledgements keep coming (every 50 ms in the agent): retries are spaced a second apart, and silent.
    for (let i = 0; i < 200; i++) {
      s.update('c1', { stdout: cp('01', i) }, 'web-1');
      clock.advance(50);
      await s.idle();
    }
    assert.ok(s.failures >= 9 && s.failures <= 12, `about one retry a second over 10 s (${s.failures})`);
    assert.equal(errors().length, 1, 'no flood');
    clock.advance(5 * 60 * 1000);
    s.update('c1', { stdout: cp('02') });
    clock.advance(0);
    await s.idle();
    assert.equal(errors().length, 2, 'a reminder after 5 minutes');
    assert.match(String(errors()[1]!.msg), /\(still\)/);

    // Fixed: the next write works, the problem clears and an INFO line says so.
    await rm(blocker);
    clock.advance(1000);
    await s.idle();
    assert.equal(s.problem, null);
    assert.equal(s.writes, 1);
    assert.ok(logs.some((l) => l.level === 30 && /writable again/.test(String(l.msg))));
    assert.deepEqual(await readdir(stateDir), ['checkpoints.json'], 'no write-check or temp file left behind');
  });
});

test('a writable state_dir passes the write check at start and leaves nothing behind', async () => {
  await withDir(async (dir) => {
    const { s, logs } = store(join(dir, 'new'));
    await s.load();
    assert.equal(s.problem, null);
    assert.equal(s.failures, 0);
    assert.deepEqual(await readdir(join(dir, 'new')), []);
    assert.equal(logs.filter((l) => (l.level as number) >= 40).length, 0);
  });
});
