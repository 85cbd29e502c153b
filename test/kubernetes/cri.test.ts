import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CriReader } from '../../src/kubernetes/cri.js';
import { goRfc3339Nano } from '../helpers/kubelet.js';

type Out = { stream: string; time: string; line: string; truncated: boolean; resume: number };

function read(chunks: Buffer[], maxLineBytes = 1024, flush = true): { lines: Out[]; garbage: string[] } {
  const lines: Out[] = [];
  const garbage: string[] = [];
  const r = new CriReader(
    { maxLineBytes, fallbackTime: () => '2026-01-01T00:00:00.000000000Z' },
    (stream, time, line, truncated, resume) => lines.push({ stream, time, line, truncated, resume }),
    (d) => garbage.push(d),
  );
  for (const c of chunks) r.push(c);
  if (flush) r.flush();
  return { lines, garbage };
}

const T = '2026-12-02T05:23:21.1234Z';
const TC = '2026-12-02T05:23:21.123400000Z';

test('records become lines; containerd times (trailing zeros trimmed) come out with nine digits', () => {
  const text = `${T} stdout F hello\n2026-12-02T05:23:21Z stderr F oops\n${T} stdout F \n`;
  const { lines, garbage } = read([Buffer.from(text)]);
  assert.deepEqual(garbage, []);
  assert.deepEqual(lines.map((l) => [l.stream, l.time, l.line]), [
    ['stdout', TC, 'hello'],
    ['stderr', '2026-12-02T05:23:21.000000000Z', 'oops'],
    ['stdout', TC, ''],
  ]);
  assert.equal(goRfc3339Nano(Date.UTC(2026, 0, 1), 0), '2026-01-01T00:00:00Z');
  assert.equal(goRfc3339Nano(Date.UTC(2026, 0, 1, 0, 0, 0, 120), 500), '2026-01-01T00:00:00.1200005Z');
});

test('P pieces are joined until F, per stream, with the first piece\'s time; resume points at an open line of the other stream', () => {
  const a = `${T} stdout P abc\n`;
  const b = `2026-12-02T05:23:22Z stderr F err-line\n`;
  const c = `2026-12-02T05:23:23Z stdout P def\n`;
  const d = `2026-12-02T05:23:24Z stdout F ghi\n`;
  const { lines } = read([Buffer.from(a + b + c + d)]);
  assert.deepEqual(lines.map((l) => [l.stream, l.time, l.line]), [
    ['stderr', '2026-12-02T05:23:22.000000000Z', 'err-line'],
    ['stdout', TC, 'abcdefghi'],
  ]);
  // The stderr line was acknowledged while stdout's line was open: a restart must read from a's start.
  assert.equal(lines[0]!.resume, 0);
  assert.equal(lines[1]!.resume, Buffer.byteLength(a + b + c + d));
});

test('max_line_bytes cuts a joined line at a character boundary and marks it truncated', () => {
  const text = `${T} stdout P ${'é'.repeat(6)}\n${T} stdout F ${'x'.repeat(10)}\n${T} stdout F short\n`;
  const { lines } = read([Buffer.from(text)], 5);
  assert.deepEqual(lines.map((l) => [l.line, l.truncated]), [['éé', true], ['short', false]]);
});

test('a line that is not a CRI record is delivered as it is (stdout, last good time) and reported', () => {
  const text = `${T} stdout F one\nnot a cri line\n${T} bogus F x\n${T} stdout F two\n`;
  const { lines, garbage } = read([Buffer.from(text)]);
  assert.deepEqual(lines.map((l) => [l.stream, l.time, l.line]), [
    ['stdout', TC, 'one'],
    ['stdout', TC, 'not a cri line'],
    ['stdout', TC, `${T} bogus F x`],
    ['stdout', TC, 'two'],
  ]);
  assert.equal(garbage.length, 2);
});

test('flush emits a line whose F never came and a record without its newline', () => {
  const { lines } = read([Buffer.from(`${T} stdout P abc\n${T} stderr F tail-without-newline`)]);
  assert.deepEqual(lines.map((l) => [l.stream, l.line]).sort(), [['stderr', 'tail-without-newline'], ['stdout', 'abc']]);
  const held = read([Buffer.from(`${T} stdout F done\n${T} stdout F partial`)], 1024, false);
  assert.deepEqual(held.lines.map((l) => l.line), ['done']);
});

test('property: any chunking of the bytes gives the same lines and resume offsets', () => {
  const rec = fc.record({
    stream: fc.constantFrom('stdout', 'stderr'),
    pieces: fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/\n/g, ' ')), { minLength: 1, maxLength: 3 }),
    garbage: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(rec, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), (recs, cuts) => {
      let text = '';
      let i = 0;
      for (const r of recs) {
        if (r.garbage) text += `garbage ${i}\n`;
        r.pieces.forEach((p, j) => (text += `${goRfc3339Nano(Date.UTC(2026, 0, 1) + i, j)} ${r.stream} ${j === r.pieces.length - 1 ? 'F' : 'P'} ${p}\n`));
        i++;
      }
      const bytes = Buffer.from(text);
      const whole = read([bytes], 64);
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Buffer[] = [];
      let at = 0;
      for (const p of points) {
        chunks.push(bytes.subarray(at, p));
        at = p;
      }
      chunks.push(bytes.subarray(at));
      assert.deepEqual(read(chunks, 64), whole);
      // Every record's text arrives: no line is lost, none is invented.
      assert.equal(whole.lines.length, recs.length + recs.filter((r) => r.garbage).length);
    }),
    { numRuns: 300 },
  );
});
