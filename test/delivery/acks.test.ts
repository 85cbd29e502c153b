import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AckTracker } from '../../src/delivery/acks.js';
import { compareDockerTime } from '../../src/delivery/time.js';
import { ackedPrefix, replay, traceArb, type TraceRecord } from './trace.js';

const T = (s: string) => `2024-05-06T07:08:${s}Z`;

test('the checkpoint is the acknowledged prefix: time of its last record and how many share that time', async () => {
  const t = new AckTracker('c1');
  const a = t.add('stdout', T('01.000000000'));
  const b = t.add('stdout', T('02.000000000'));
  const c = t.add('stdout', T('02.000000000'));
  const d = t.add('stdout', T('03.000000000'));
  for (const s of [a, b, c, d]) t.retain('stdout', s); // a route took each
  for (const s of [a, b, c, d]) t.settle('stdout', s); // the dispatcher's hold
  assert.deepEqual(t.checkpoint(), {
    stdout: { time: T('01.000000000'), count: 0 }, // nothing acknowledged: re-read from the oldest
    stderr: { time: T('00.000000000'), count: 0 }, // nothing read: the first line read minus the skew
  });
  t.settle('stdout', c);
  assert.deepEqual(t.checkpoint().stdout, { time: T('01.000000000'), count: 0 }, 'a hole stops the prefix');
  t.settle('stdout', a);
  assert.deepEqual(t.checkpoint().stdout, { time: T('01.000000000'), count: 1 });
  t.settle('stdout', b);
  assert.deepEqual(t.checkpoint().stdout, { time: T('02.000000000'), count: 2 }, 'b and c both done');
  assert.equal(t.oldestUnackedTime(), T('03.000000000'));
  t.settle('stdout', d);
  assert.deepEqual(t.checkpoint(), { stdout: { time: T('03.000000000'), count: 1 }, stderr: { time: T('02.000000000'), count: 0 } });
  assert.equal(t.oldestUnackedTime(), undefined);
  assert.equal(t.outstanding, 0);
  assert.equal(t.anomalies, 0);
});

test('resumed: records at the checkpoint time count on from its count; older ones never move it back', () => {
  const t = new AckTracker('c1', { stdout: { time: T('05.000000000'), count: 3 } });
  assert.deepEqual(t.checkpoint().stdout, { time: T('05.000000000'), count: 3 });
  t.settle('stdout', t.add('stdout', T('05.000000000')));
  assert.deepEqual(t.checkpoint().stdout, { time: T('05.000000000'), count: 4 });
  t.settle('stdout', t.add('stdout', T('04.000000000')));
  assert.deepEqual(t.checkpoint().stdout, { time: T('05.000000000'), count: 4 });
});

test('streams are independent: a stalled stderr line holds only the stderr checkpoint', () => {
  const t = new AckTracker('c1');
  const e = t.add('stderr', T('01.000000000'));
  t.retain('stderr', e);
  t.settle('stderr', e);
  t.settle('stdout', t.add('stdout', T('09.000000000')));
  assert.deepEqual(t.checkpoint(), { stdout: { time: T('09.000000000'), count: 1 }, stderr: { time: T('01.000000000'), count: 0 } });
  assert.equal(t.oldestUnackedTime(), T('01.000000000'));
});

test('an idle stream follows the busy one, minus the cross-stream skew', () => {
  const t = new AckTracker('c1', { stderr: { time: T('00.500000000'), count: 2 } }, undefined, { crossStreamSkewMs: 1000 });
  t.settle('stdout', t.add('stdout', T('09.250000000')));
  assert.deepEqual(t.checkpoint().stderr, { time: T('08.250000000'), count: 0 });
  // Never back: a later, smaller floor leaves it.
  const t2 = new AckTracker('c2', { stderr: { time: T('30.000000000'), count: 2 } });
  t2.settle('stdout', t2.add('stdout', T('09.000000000')));
  assert.deepEqual(t2.checkpoint().stderr, { time: T('30.000000000'), count: 2 });
});

test('onAdvance runs once per burst of settles, in a microtask', async () => {
  let calls = 0;
  const t = new AckTracker('c1', undefined, () => calls++);
  const seqs = Array.from({ length: 100 }, () => t.add('stdout', T('01.000000000')));
  for (const s of seqs) t.settle('stdout', s);
  assert.equal(calls, 0);
  await Promise.resolve();
  assert.equal(calls, 1);
  t.settle('stdout', t.add('stderr', T('01.000000000'))); // wrong stream: an anomaly, not an advance
  await Promise.resolve();
  assert.equal(calls, 1);
  assert.equal(t.anomalies, 1);
});

test('memory follows outstanding records: a long run with few outstanding keeps a small ring', () => {
  const t = new AckTracker('c1');
  const open: number[] = [];
  for (let i = 0; i < 200_000; i++) {
    open.push(t.add('stdout', T('01.000000000')));
    if (open.length > 3) t.settle('stdout', open.shift()!);
  }
  assert.equal(t.outstanding, 3);
  assert.deepEqual(t.checkpoint().stdout, { time: T('01.000000000'), count: 200_000 - 3 });
});

type Op = { kind: 'add' } | { kind: 'retain'; pick: number } | { kind: 'settle'; pick: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Op>({ kind: 'add' }) },
  { weight: 2, arbitrary: fc.nat().map<Op>((pick) => ({ kind: 'retain', pick })) },
  { weight: 4, arbitrary: fc.nat().map<Op>((pick) => ({ kind: 'settle', pick })) },
);

test('model: the checkpoint never passes a record some route has not settled, and reaches everything once all are', () => {
  fc.assert(
    fc.property(traceArb(50), fc.array(opArb, { maxLength: 300 }), (log, ops) => {
      const t = new AckTracker('c1');
      const holds = new Map<number, number>(); // trace index → open holds (model)
      const seqOf = new Map<number, number>();
      let next = 0;
      const check = () => {
        const cps = t.checkpoint();
        // Everything a restart would skip (by `since` or by the per-stream filter) is acknowledged…
        const redelivered = new Set(replay(log, cps).map((r) => r.i));
        const acked = (r: TraceRecord) => r.i < next && holds.get(r.i) === 0;
        for (const r of log) if (!redelivered.has(r.i)) assert.ok(acked(r), `record ${r.i} (${r.stream} ${r.time}) skipped but not acknowledged`);
        // …and the whole acknowledged prefix is skipped (the checkpoint is not behind).
        for (const i of ackedPrefix(log, acked)) assert.ok(!redelivered.has(i), `record ${i} acknowledged in the prefix but re-delivered`);
        const open = log.filter((r) => r.i < next && holds.get(r.i)! > 0).map((r) => r.time);
        const oldest = open.sort(compareDockerTime)[0];
        assert.equal(t.oldestUnackedTime(), oldest);
      };
      for (const op of ops) {
        if (op.kind === 'add') {
          if (next >= log.length) continue;
          const r = log[next]!;
          seqOf.set(r.i, t.add(r.stream, r.time));
          holds.set(r.i, 1);
          next++;
        } else {
          const live = [...holds].filter(([, n]) => n > 0).map(([i]) => i);
          if (live.length === 0) continue;
          const i = live[op.pick % live.length]!;
          const r = log[i]!;
          if (op.kind === 'retain') {
            t.retain(r.stream, seqOf.get(i)!);
            holds.set(i, holds.get(i)! + 1);
          } else {
            t.settle(r.stream, seqOf.get(i)!);
            holds.set(i, holds.get(i)! - 1);
          }
        }
        check();
      }
      // Read the rest, settle everything: the checkpoint covers the whole log.
      for (; next < log.length; next++) seqOf.set(log[next]!.i, t.add(log[next]!.stream, log[next]!.time)), holds.set(next, 1);
      for (const [i, n] of holds) for (let k = 0; k < n; k++) t.settle(log[i]!.stream, seqOf.get(i)!);
      for (const i of holds.keys()) holds.set(i, 0);
      check();
      assert.deepEqual(replay(log, t.checkpoint()), []);
      assert.equal(t.outstanding, 0);
      assert.equal(t.anomalies, 0);
    }),
    { numRuns: 300 },
  );
});
