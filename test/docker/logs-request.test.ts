import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LogStreamReader } from '../../src/docker/lines.js';
import { logReadCoalescer, openLogStream, targetOf } from '../../src/docker/logs-request.js';
import { hasDocker, TestDocker, waitFor } from '../helpers/docker.js';

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
    reader.push(stream.head);
    stream.setReader((chunk) => reader.push(chunk));
    stream.socket.resume();
  }
  assert.ok(await waitFor(() => [...got.values()].every((l) => l.length === 30), 20_000), 'all 120 lines arrived');
  ac.abort();
  for (const [k, id] of ids.entries()) assert.deepEqual(got.get(id), Array.from({ length: 30 }, (_, i) => `c${k} line ${i + 1}`));
  assert.ok(logReadCoalescer.naps > napsBefore, "the log streams' reads ended in naps");
});
