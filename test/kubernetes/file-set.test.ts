/**
 * RunFiles against a rotation that lands between a directory listing and the opens of the names
 * it listed (the kubelet renames and compresses while sluice scans). The lister is the real
 * readdir; the "kubelet" rotates right after it answered, so the race happens every time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RunCheckpoint } from '../../src/kubernetes/file-checkpoints.js';
import { RunFiles } from '../../src/kubernetes/file-set.js';
import { LogFile } from '../../src/kubernetes/log-file.js';
import { FakeKubelet, type ContainerLog } from '../helpers/kubelet.js';
import { tempDir } from './helpers.js';

function container(maxFiles = 5): ContainerLog {
  const k = new FakeKubelet(tempDir('sluice-k8s-'));
  k.maxFiles = maxFiles;
  return k.pod('ns', 'p').container('c');
}

function write(c: ContainerLog, from: number, to: number): void {
  for (let i = from; i < to; i++) c.write('stdout', `n ${i}`);
}

/** A checkpoint on `name` at `offset` (default: its end, every byte read and acknowledged). */
async function checkpoint(dir: string, name: string, offset?: number): Promise<RunCheckpoint> {
  const f = (await LogFile.open(dir, name))!;
  const cp = { file: await f.identity(), offset: offset ?? (await f.size()), updatedAt: 0 };
  await f.close();
  return cp;
}

/** The first listing is answered, then `rotate` runs before any listed name is opened. */
function racingLister(rotate: () => void | Promise<void>) {
  let first = true;
  return async (dir: string) => {
    const names = await readdir(dir);
    if (first) {
      first = false;
      await rotate();
    }
    return names;
  };
}

async function firstScan(files: RunFiles, start: RunCheckpoint) {
  const found = await files.scan();
  const offset = await files.position(found, start);
  return { offset, queue: files.queue.map((f) => f.name) };
}

test('the live file renamed by a rotation between the first listing and its open: the checkpoint is found under the new name, not reported lost', async () => {
  const c = container();
  write(c, 0, 50);
  c.rotate();
  write(c, 50, 100);
  const cp = await checkpoint(c.dir, '0.log');
  let rotated = '';
  const lost: string[] = [];
  const files = new RunFiles(c.dir, 0, { superseded: () => {}, lost: (n) => lost.push(n) }, racingLister(() => void (rotated = c.rotate({ reopen: false }))));
  const { offset, queue } = await firstScan(files, cp);
  assert.deepEqual(lost, []);
  assert.deepEqual(queue, [rotated], 'reading resumes in the checkpoint\'s file, not from the start of it');
  assert.equal(offset, cp.offset);
  for (const f of files.queue) await f.close();
});

test('the checkpoint\'s rotated file compressed between the first listing and its open: found as its .gz, unread bytes still read', async () => {
  const c = container();
  write(c, 0, 50);
  const a = c.rotate();
  write(c, 50, 100);
  const cp = await checkpoint(c.dir, a, 200); // bytes after 200 of `a` not read yet
  let b = '';
  const lost: string[] = [];
  const files = new RunFiles(c.dir, 0, { superseded: () => {}, lost: (n) => lost.push(n) }, racingLister(() => void (b = c.rotate())));
  const { offset, queue } = await firstScan(files, cp);
  assert.deepEqual(lost, []);
  assert.deepEqual(queue, [`${a}.gz`, b, '0.log']);
  assert.equal(offset, 200);
  for (const f of files.queue) await f.close();
});

test('a plain file and its .gz in one listing (compressed, not yet unlinked): queued once', async () => {
  const c = container();
  write(c, 0, 50);
  const a = c.rotate();
  write(c, 50, 100);
  c.rotate(); // `a` → `a.gz`
  write(c, 100, 150);
  // As the listing between the kubelet's rename of `a.gz.tmp` and its unlink of `a` shows it.
  writeFileSync(join(c.dir, a), gunzipSync(readFileSync(join(c.dir, `${a}.gz`))));
  const files = new RunFiles(c.dir, 0, { superseded: () => {}, lost: () => assert.fail('nothing is lost') }, async (dir) => (await readdir(dir)).sort().reverse());
  const found = await files.scan();
  assert.deepEqual(found.map((f) => f.name).filter((n) => n.startsWith(a)), [a]);
  for (const f of found) await f.close();
});

test('files that really are gone are still reported: the checkpoint\'s file deleted while stopped, and a rotated file deleted before it was opened', async () => {
  const c = container(2);
  write(c, 0, 50);
  const cp = await checkpoint(c.dir, '0.log', 100);
  c.rotate();
  write(c, 50, 100);
  c.rotate(); // maxFiles 2: the checkpoint's file is deleted
  write(c, 100, 150);
  const lost: Array<[string, string]> = [];
  const files = new RunFiles(c.dir, 0, { superseded: () => {}, lost: (n, d) => lost.push([n, d]) });
  await firstScan(files, cp);
  assert.deepEqual(lost, [['0.log', 'removed before it was read past byte 100']]);

  const c2 = container();
  write(c2, 0, 50);
  const a = c2.rotate();
  write(c2, 50, 100);
  const lost2: Array<[string, string]> = [];
  const files2 = new RunFiles(c2.dir, 0, { superseded: () => {}, lost: (n, d) => lost2.push([n, d]) }, racingLister(() => rm(join(c2.dir, a))));
  const found = await files2.scan();
  assert.deepEqual(lost2, [[a, 'removed before sluice could open it']]);
  assert.deepEqual(found.map((f) => f.name), ['0.log']);
  for (const f of found) await f.close();
  for (const f of files.queue) await f.close();
});
