import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestDocker, hasDocker } from '../helpers/docker.js';
import { containerInfoFromInspect, type InspectLike } from '../../src/docker/metadata.js';
import { ackList, settleAll, type LogRecord } from '../../src/core/record.js';
import { RouteTable } from '../../src/routing/table.js';
import { Router } from '../../src/routing/router.js';
import { Multiline } from '../../src/routing/multiline.js';
import { ManualClock } from '../../src/util/clock.js';
import { CountingAcks, info, route, sinks, tableConfig } from './helpers.js';

const DATE = /^\d{4}-\d{2}-\d{2} /;
const TRACE = [
  '2026-01-01 10:00:00 INFO starting',
  '2026-01-01 10:00:01 ERROR request failed',
  'java.lang.IllegalStateException: boom',
  '\tat com.example.Foo.bar(Foo.java:42)',
  '\tat com.example.Main.main(Main.java:10)',
  'Caused by: java.io.IOException: disk full',
  '\t... 2 more',
  '2026-01-01 10:00:02 INFO recovered',
];

function setup(spec: Parameters<typeof route>[1], clock = new ManualClock()) {
  const s = sinks('r');
  const router = new Router(new RouteTable(tableConfig([route('r', spec)]), s), { clock });
  return { router, sink: s.get('r')!, clock, acks: new CountingAcks() };
}

/** Dispatches like the source does: dispatch, then settle the dispatcher's own hold. */
function feed(router: Router, recs: LogRecord[]): void {
  for (const r of recs) {
    const acks = ackList(r).slice();
    router.dispatch(r);
    for (const a of acks) a.tracker.settle(a.stream, a.seq);
  }
}

describe('multiline', () => {
  const td = new TestDocker();
  after(() => td.cleanup());

  test('a Java stack trace printed by a real container becomes one record', { skip: hasDocker ? false : 'no SLUICE_TEST_DOCKER_HOST' }, async () => {
    const script = `printf '%s\\n' ${TRACE.map((l) => `'${l.replace(/\t/g, '\\t')}'`).join(' ')} | sed 's/\\\\t/\\t/g'`;
    const id = await td.run({ script, name: td.name('java'), tty: true });
    await td.wait(id);
    const c = td.docker.getContainer(id);
    const ci = containerInfoFromInspect((await c.inspect()) as unknown as InspectLike);
    const raw = (await c.logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as unknown as Buffer;
    const { router, sink, acks } = setup({ multiline: { start: DATE, maxLines: 500, timeoutMs: 1000 } });
    const recs = raw
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.replace(/\r$/, ''))
      .map((l) => acks.record(ci, l.slice(l.indexOf(' ') + 1), 'stdout', l.slice(0, l.indexOf(' '))));
    assert.deepEqual(
      recs.map((r) => r.line),
      TRACE,
      'the container printed the trace',
    );
    feed(router, recs);
    router.flushContainer(id);
    assert.deepEqual(sink.lines(), [TRACE[0], TRACE.slice(1, 7).join('\n'), TRACE[7]]);
    const joined = sink.got[1]!;
    assert.equal(joined.time, recs[1]!.time, "the first line's time");
    assert.deepEqual(
      ackList(joined).map((a) => a.seq),
      recs.slice(1, 7).map((r) => ackList(r)[0]!.seq),
      'the acks of every constituent line',
    );
    assert.equal(acks.acked.length, 0, 'nothing acknowledged before the route delivered');
    for (const r of sink.got) settleAll(r);
    assert.equal(acks.acked.length, TRACE.length, 'every line acknowledged once delivered');
  });

  test('a group that never ends is flushed after `timeout` without a new line', () => {
    const { router, sink, clock, acks } = setup({ multiline: { start: DATE, maxLines: 500, timeoutMs: 1000 } });
    const ci = info({ name: 'app' });
    feed(router, [acks.record(ci, '2026-01-01 10:00:00 ERROR x'), acks.record(ci, '  at a')]);
    clock.advance(600);
    feed(router, [acks.record(ci, '  at b')]); // pushes the deadline to t=1600
    clock.advance(900);
    assert.equal(sink.got.length, 0, 'a new line restarts the timeout');
    assert.equal(acks.acked.length, 0, 'held lines are not acknowledged');
    clock.advance(100);
    assert.deepEqual(sink.lines(), ['2026-01-01 10:00:00 ERROR x\n  at a\n  at b']);
    assert.equal(router.pendingGroups, 0);
    assert.equal(clock.pending, 0, 'no timer left behind');
  });

  test('flushContainer emits that container’s groups, on both streams, and no other', () => {
    const { router, sink, acks } = setup({ multiline: { start: DATE, maxLines: 500, timeoutMs: 60_000 } });
    const a = info({ name: 'a', id: 'a'.repeat(64) });
    const b = info({ name: 'b', id: 'b'.repeat(64) });
    feed(router, [
      acks.record(a, '2026-01-01 out'),
      acks.record(a, 'more out'),
      acks.record(a, '2026-01-01 err', 'stderr'),
      acks.record(a, 'more err', 'stderr'),
      acks.record(b, '2026-01-01 b'),
      acks.record(b, 'more b'),
    ]);
    assert.equal(sink.got.length, 0);
    router.flushContainer(a.id);
    assert.deepEqual(sink.lines().sort(), ['2026-01-01 err\nmore err', '2026-01-01 out\nmore out']);
    assert.equal(router.pendingGroups, 1);
    router.flushAll();
    assert.equal(sink.got.at(-1)!.line, '2026-01-01 b\nmore b');
  });

  test('max_lines closes a group; lines before any start pass alone; streams join separately', () => {
    const { router, sink, acks } = setup({ multiline: { start: DATE, maxLines: 3, timeoutMs: 1000 } });
    const ci = info({ name: 'app' });
    feed(router, [
      acks.record(ci, 'orphan 1'),
      acks.record(ci, '2026-01-01 s'),
      acks.record(ci, 'err alone', 'stderr'),
      acks.record(ci, 'c1'),
      acks.record(ci, 'c2'),
      acks.record(ci, 'c3'),
    ]);
    assert.deepEqual(sink.lines(), ['orphan 1', 'err alone', '2026-01-01 s\nc1\nc2', 'c3']);
  });

  test('the joined record is truncated when any part was, and keeps the first line’s fields', () => {
    const out: LogRecord[] = [];
    const clock = new ManualClock();
    const m = new Multiline((r) => out.push(r), clock);
    const acks = new CountingAcks();
    const ci = info({ name: 'app' });
    const rule = { start: /^S/, maxLines: 10, timeoutMs: 100 };
    const first = acks.record(ci, 'S1', 'stdout', 't1');
    first.host = 'h1';
    first.tags = ['x'];
    const second = acks.record(ci, 'cont', 'stdout', 't2');
    second.truncated = true;
    m.push(first, rule);
    m.push(second, rule);
    m.push(acks.record(ci, 'S2', 'stdout', 't3'), rule);
    assert.equal(out.length, 1);
    assert.deepEqual({ ...out[0]!, acks: ackList(out[0]!).length, container: undefined }, { time: 't1', line: 'S1\ncont', source: 'stdout', host: 'h1', tags: ['x'], truncated: true, acks: 2, container: undefined });
    clock.advance(100);
    assert.equal(out[1]!.line, 'S2');
    assert.equal(out[1]!.truncated, false);
  });
});
