import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AckTracker, type StreamCheckpoints } from '../../src/delivery/acks.js';
import { ReadCursor } from '../../src/docker/cursor.js';
import { ackedPrefix, replay, traceArb } from '../delivery/trace.js';

const T = (s: string) => `2024-05-06T07:08:${s}Z`;

test('since() is the older checkpoint, in the logs API form; undefined with none', () => {
  assert.equal(new ReadCursor({}).since(), undefined);
  const f = new ReadCursor({ stdout: { time: T('09.000000001'), count: 1 }, stderr: { time: T('08.999999999'), count: 4 } });
  assert.equal(f.sinceTime(), T('08.999999999'));
  assert.equal(f.since(), `${Date.UTC(2024, 4, 6, 7, 8, 8) / 1000}.999999999`);
  assert.equal(new ReadCursor({ stdout: { time: T('01.5'), count: 0 } }).since(), `${Date.UTC(2024, 4, 6, 7, 8, 1) / 1000}.500000000`);
});

test('admit(): skips older records, then the first `count` at the checkpoint time, per stream; everything after is new', () => {
  const f = new ReadCursor({ stdout: { time: T('05.000000000'), count: 2 } });
  const got = [
    ['stdout', T('04.000000000')],
    ['stdout', T('05.000000000')],
    ['stderr', T('05.000000000')], // stderr has no checkpoint: never skipped
    ['stdout', T('05.000000000')],
    ['stdout', T('05.000000000')],
    ['stdout', T('06.000000000')],
  ].map(([s, t]) => !f.admit(s as 'stdout' | 'stderr', t!));
  assert.deepEqual(got, [true, true, false, true, false, false]);
});

/**
 * Several runs of an agent over one growing log: each run resumes from the stored checkpoints, reads
 * up to a random point (the crash), acknowledges a random subset (prefix with holes), and stores the
 * tracker's checkpoints. Every run must re-deliver exactly the records outside the acknowledged
 * prefix of each stream: nothing lost, nothing acknowledged-in-order sent twice.
 */
test('property: resume + checkpoint re-deliver exactly what is not in the acknowledged prefix, both streams', () => {
  fc.assert(
    fc.property(
      traceArb(60),
      fc.array(fc.record({ cut: fc.nat(), acks: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }) }), { minLength: 1, maxLength: 4 }),
      (log, runs) => {
        // Acknowledged as far as the checkpoints can know: the prefix skipped on resume, plus what the
        // current run acknowledged (a record re-delivered and not acknowledged again is not done).
        let acked = new Set<number>();
        let cps: StreamCheckpoints = {};
        let readUpTo = 0;
        for (const run of runs) {
          readUpTo = Math.min(log.length, readUpTo + (run.cut % (log.length + 1)));
          const visible = log.slice(0, readUpTo); // what Docker has written so far
          const delivered = replay(visible, cps);
          const prefix = ackedPrefix(visible, (r) => acked.has(r.i));
          assert.deepEqual(
            delivered.map((r) => r.i),
            visible.filter((r) => !prefix.has(r.i)).map((r) => r.i),
            `run from ${JSON.stringify(cps)}`,
          );
          acked = new Set(prefix);
          const tracker = new AckTracker('c', cps);
          for (const r of delivered) {
            const seq = tracker.add(r.stream, r.time);
            tracker.retain(r.stream, seq); // one route
            tracker.settle(r.stream, seq); // the dispatcher
            if (run.acks[r.i]) {
              tracker.settle(r.stream, seq);
              acked.add(r.i);
            }
          }
          cps = tracker.checkpoint();
        }
        // A graceful final run that acknowledges everything leaves nothing to re-deliver.
        const tracker = new AckTracker('c', cps);
        for (const r of replay(log, cps)) tracker.settle(r.stream, tracker.add(r.stream, r.time));
        assert.deepEqual(replay(log, tracker.checkpoint()), []);
      },
    ),
    { numRuns: 300 },
  );
});

test('rewind(): a re-read from since() within a run passes over every line already admitted, then admits the new', () => {
  const c = new ReadCursor();
  const first = [
    ['stdout', T('01.000000000')],
    ['stderr', T('00.900000000')],
    ['stdout', T('02.000000000')],
    ['stdout', T('02.000000000')],
  ] as const;
  assert.deepEqual(first.map(([s, t]) => c.admit(s, t)), [true, true, true, true]);
  assert.equal(c.sinceTime(), T('00.900000000'));
  c.rewind(); // the engine went away; the re-read starts at since() and replays what was read
  const again = [...first, ['stdout', T('02.000000000')], ['stderr', T('03.000000000')]] as const;
  assert.deepEqual(again.map(([s, t]) => c.admit(s, t)), [false, false, false, false, true, true]);
});

test('admit(): with no position yet, several lines sharing the first timestamp are all new', () => {
  const c = new ReadCursor();
  assert.deepEqual([c.admit('stdout', T('01.000000000')), c.admit('stdout', T('01.000000000')), c.admit('stdout', T('01.000000000'))], [true, true, true]);
  assert.deepEqual(c.position('stdout'), { time: T('01.000000000'), count: 3 });
});
