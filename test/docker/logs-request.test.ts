import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LogStreamReader } from '../../src/docker/lines.js';
import { logReadCoalescer, openLogStream, targetOf } from '../../src/docker/logs-request.js';
import { collectStartupGarbage } from '../../src/runtime/settle-gc.js';
import { hasDocker, TestDocker, waitFor } from '../helpers/docker.js';
import { frame } from '../helpers/frames.js';
import { arrayBuffersAfterGc } from '../helpers/gc.js';

const td = new TestDocker();
after(() => td.cleanup());

/**
 * Log streams of trickling containers go through the read coalescer (util/read-coalescer.ts): their
 * small reads end in naps, and every line still arrives, whole and in order.
 */
test('trickling containers: every line in order, and their reads coalesced', { skip: !hasDocker }, async () => {
  const ids = await Promise.all(
    [0, 1, 2, 3].map((k) => td.run({ script: `i=0; while [ $i -lt 30 ]; do i=$((i+1)); echo "c${k} line $i"; usleep 60000; done; sleep 5` })),
  );
  const ac = new AbortController();
  const napsBefore = logReadCoalescer.naps;
  const got = new Map<string, string[]>();
  for (const id of ids) {
    const stream = await openLogStream(targetOf(td.docker), `/containers/${id}/logs?follow=1&stdout=1&stderr=1&timestamps=1`, ac.signal);
    const lines: string[] = [];
    got.set(id, lines);
    const reader = new LogStreamReader({ tty: false, partialMerge: true, maxLineBytes: 16384 }, (_s, _t, line) => lines.push(line));
    stream.setReader((chunk) => reader.push(chunk));
    stream.socket.resume();
  }
  assert.ok(await waitFor(() => [...got.values()].every((l) => l.length === 30), 20_000), 'all 120 lines arrived');
  ac.abort();
  for (const [k, id] of ids.entries()) assert.deepEqual(got.get(id), Array.from({ length: 30 }, (_, i) => `c${k} line ${i + 1}`));
  assert.ok(logReadCoalescer.naps > napsBefore, "the log streams' reads ended in naps");
});

/**
 * The read that completes the response head can carry a backlog's worth of body with it (the engine
 * writes head and body back to back; whether one read takes both is up to timing, so this uses a
 * stand-in that always sends them in one write). Those bytes go to the reader and are then let go:
 * the stream's scope lives as long as its socket, and a restart with backlogs behind many containers
 * kept up to 64 KiB per stream for as long as it ran.
 */
test('body bytes that came with the response head go to the reader and are not kept', async (t) => {
  const STREAMS = 16;
  const LINES = 600; // ~64 KiB of body per stream
  const body = Buffer.concat(Array.from({ length: LINES }, (_, i) => frame(1, `2026-12-08T05:00:00.${String(i).padStart(9, '0')}Z ${'x'.repeat(60)} line ${i}\n`)));
  const answer = Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n\r\n'), body]);
  const peers: Socket[] = [];
  const server = createServer((s) => {
    peers.push(s);
    s.once('data', () => s.write(answer)); // and the stream stays open, as a followed container's does
  });
  const dir = mkdtempSync(join(tmpdir(), 'sluice-logs-head-'));
  const socketPath = join(dir, 'docker.sock');
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const ac = new AbortController();
  try {
    assert.ok(collectStartupGarbage(), 'gc reachable');
    const before = process.memoryUsage().arrayBuffers;
    const counts: number[] = [];
    const streams = [];
    for (let k = 0; k < STREAMS; k++) {
      const stream = await openLogStream({ socketPath }, '/containers/x/logs?follow=1', ac.signal);
      counts[k] = 0;
      const reader = new LogStreamReader({ tty: false, partialMerge: true, maxLineBytes: 16384 }, () => counts[k]!++);
      stream.setReader((chunk) => reader.push(chunk));
      stream.socket.resume();
      streams.push({ stream, reader });
    }
    assert.ok(await waitFor(() => counts.every((n) => n === LINES), 10_000), `lines read: ${counts.join(', ')}`);
    // Kept before the fix: each stream's first read, 16 x ~64 KiB (measured: 1085 KiB). Allowed: a quarter of it.
    const kept = await arrayBuffersAfterGc(before, (STREAMS * body.length) / 4);
    t.diagnostic(`buffers held after reading: ${Math.round(kept / 1024)} KiB`);
    assert.ok(kept < (STREAMS * body.length) / 4, `${Math.round(kept / 1024)} KiB of buffers still held after reading ${STREAMS} streams of ${Math.round(body.length / 1024)} KiB`);
    assert.equal(streams.length, STREAMS); // the streams (and their sockets) are alive while measured
  } finally {
    ac.abort();
    for (const p of peers) p.destroy();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
