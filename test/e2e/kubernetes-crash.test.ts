/**
 * Issue 12, must show: 200,000 numbered lines (stdout and stderr interleaved, some cut into P/F
 * pieces) written like containerd into a pod log file that the "kubelet" rotates 20 times (rename,
 * gzip of older files, deletion of the oldest); the real agent (`sluice run`, source: kubernetes)
 * is SIGKILLed at three random points and restarted on the same state_dir. 0 lines lost; what a
 * restart re-sends is bounded by the batches in flight; a graceful SIGTERM + restart re-sends 0.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { IngestServer, missing } from '../helpers/ingest-server.js';
import { FakeKubelet } from '../helpers/kubelet.js';

let sluice: SluiceProcess | undefined;
let ingest: IngestServer | undefined;
let writing = true;

after(async () => {
  writing = false;
  await sluice?.stop('SIGKILL');
  await ingest?.close();
});

const ROUNDS = 100;
const PER_ROUND = 1_000; // per stream
const PER_STREAM = ROUNDS * PER_ROUND;
const ROTATE_EVERY = 5; // rounds: 20 rotations
/** A restart re-sends at most what was acknowledged after the checkpoint on disk: a few batches of 1,000. */
const MAX_RESENT_PER_KILL = 10 * 1_000;

test('SIGKILL three times at random points (200,000 lines, 20 rotations with gzip and deletion): 0 lost, re-sends bounded; SIGTERM + restart re-sends 0', async (t) => {
  ingest = await IngestServer.start();
  const logDir = mkdtempSync(join(tmpdir(), 'sluice-pods-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'sluice-state-'));
  const kubelet = new FakeKubelet(logDir);
  kubelet.maxFiles = 10; // the kubelet's containerLogMaxFiles, set for this node
  const pod = kubelet.pod('flood', 'writer-0');
  const c = pod.container('flood');
  const cfg = writeConfig(`
version: 1
source: kubernetes
kubernetes: { log_dir: "${logDir}", api: off }
state_dir: "${stateDir}"
api: null
routes:
  - name: ingest
    match: { k8s_namespace: flood }
    destination: { type: http, url: "${ingest.url}", encoding: ndjson }
    flush: { interval: 200ms }
`);
  const start = async () => {
    sluice = new SluiceProcess(cfg);
    assert.ok(await waitFor(() => sluice!.stderr.includes('sluice starting'), 30_000), `sluice did not start:\n${sluice.stderr}`);
  };
  await start();
  // The first start ever reads a run that already exists from its end (backfill none): let it see the empty file.
  await new Promise((r) => setTimeout(r, 1_000));

  // The writer: rounds of 1,000 lines per stream, every 100 ms; every 7th stdout line is cut into
  // 3-byte P pieces. At a rotation the runtime goes on writing into the renamed file for the next
  // round's first 100 lines before it reopens (as containerd does until ReopenContainerLog).
  const writer = (async () => {
    let reopenAt = -1;
    for (let round = 0; round < ROUNDS && writing; round++) {
      for (let i = 1; i <= PER_ROUND; i++) {
        if (i === reopenAt) {
          c.reopen();
          reopenAt = -1;
        }
        const k = round * PER_ROUND + i;
        if (k % 7 === 0) kubelet.pieceBytes = 3;
        c.write('stdout', `o${k}`);
        kubelet.pieceBytes = 16 * 1024;
        c.write('stderr', `e${k}`);
      }
      if ((round + 1) % ROTATE_EVERY === 0) {
        c.rotate({ reopen: false });
        reopenAt = 100;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (reopenAt > 0) c.reopen();
  })();
  const name = 'flood';
  const count = () => ingest!.count(name);
  const thresholds = [20_000 + Math.floor(Math.random() * 40_000), 80_000 + Math.floor(Math.random() * 40_000), 140_000 + Math.floor(Math.random() * 30_000)];
  t.diagnostic(`kills after ${thresholds.join(', ')} lines delivered`);
  const perKill: number[] = [];
  for (const threshold of thresholds) {
    assert.ok(await waitFor(() => count() >= threshold, 60_000), `stalled at ${count()} before kill ${perKill.length + 1}\n${sluice!.stderr.slice(-2000)}`);
    const before = ingest.duplicates(name);
    assert.equal(await sluice!.stop('SIGKILL'), null);
    const at = count();
    await start();
    assert.ok(await waitFor(() => count() >= at + 15_000 || ingest!.distinct(name) >= 2 * PER_STREAM, 60_000), `no progress after restart ${perKill.length + 1}`);
    perKill.push(ingest.duplicates(name) - before);
  }
  await writer;
  const done = await waitFor(() => ingest!.distinct(name) >= 2 * PER_STREAM, 90_000);
  const dups = ingest.duplicates(name);
  t.diagnostic(`re-sent per kill: ${perKill.join(', ')}; ${count()} lines accepted for ${2 * PER_STREAM} written; files now: ${c.files().join(' ')}`);
  const mo = missing(ingest.texts(name, 'stdout'), 'o', PER_STREAM);
  const me = missing(ingest.texts(name, 'stderr'), 'e', PER_STREAM);
  assert.ok(done, `incomplete: stdout missing ${mo.count} (first ${mo.first}), stderr missing ${me.count} (first ${me.first})\n${sluice!.stderr.slice(-2000)}`);
  assert.equal(mo.count + me.count, 0);
  for (const d of perKill) assert.ok(d <= MAX_RESENT_PER_KILL, `a kill re-sent ${d} lines (bound ${MAX_RESENT_PER_KILL})`);
  assert.ok(!sluice!.stderr.includes('rotated away'), 'no file was rotated away unread');
  // Within a stream, order holds across restarts: each arrival is the next new line or a re-send.
  for (const [src, prefix] of [['stdout', 'o'], ['stderr', 'e']] as const) {
    let high = 0;
    for (const l of ingest.texts(name, src)) {
      const k = Number(l.slice(prefix.length));
      assert.ok(k <= high + 1, `${src}: ${l} arrived before ${prefix}${high + 1}`);
      high = Math.max(high, k);
    }
  }

  // Graceful stop writes the final positions: a restart re-sends nothing.
  await new Promise((r) => setTimeout(r, 1_000));
  assert.equal(await sluice!.stop('SIGTERM'), 0, sluice!.stderr.slice(-2000));
  const accepted = count();
  await start();
  const marker = kubelet.pod('flood', 'marker').container('marker');
  marker.write('stdout', 'marker');
  assert.ok(await waitFor(() => ingest!.count('marker') >= 1, 30_000), 'the restarted agent delivers');
  await new Promise((r) => setTimeout(r, 2_000));
  t.diagnostic(`re-sent after SIGTERM + restart: ${count() - accepted}`);
  assert.equal(count(), accepted, 'graceful stop + restart re-sent lines');
  assert.equal(ingest.duplicates(name), dups);
});
