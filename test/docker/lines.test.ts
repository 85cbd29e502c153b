import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineAssembler, LogStreamReader, type LineOptions } from '../../src/docker/lines.js';
import { cutAtCharBoundary } from '../../src/util/utf8.js';
import { frame } from '../helpers/frames.js';

const T1 = '2026-11-24T07:49:40.934944106Z';
const T2 = '2026-11-24T07:49:41.000000001Z';
const KIB = 1024;

type Line = [time: string, line: string, truncated: boolean];

function asm(opts: Partial<LineOptions> = {}) {
  const lines: Line[] = [];
  const garbage: string[] = [];
  const a = new LineAssembler(
    { partialMerge: true, maxLineBytes: 256 * KIB, ...opts },
    (t, l, tr) => lines.push([t, l, tr]),
    (g) => garbage.push(g),
  );
  return { a, lines, garbage };
}

/** A payload as Docker sends it with timestamps=1. */
function msg(time: string, body: string | Buffer, newline = true): Buffer {
  return Buffer.concat([Buffer.from(time + ' '), typeof body === 'string' ? Buffer.from(body) : body, Buffer.from(newline ? '\n' : '')]);
}

/** Docker's json-file split: 16 KiB pieces with one timestamp, only the last ends in \n. */
function pieces(time: string, body: Buffer, size = 16 * KIB): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) out.push(msg(time, body.subarray(i, i + size), i + size >= body.length));
  return out;
}


test('a message becomes a line with Docker\'s timestamp text', () => {
  const { a, lines, garbage } = asm();
  a.pushFrame(msg(T1, 'hello world'));
  a.pushFrame(msg(T2, ''));
  assert.deepEqual(lines, [[T1, 'hello world', false], [T2, '', false]]);
  assert.deepEqual(garbage, []);
});

test('CRLF: the \\r before \\n is dropped, only one, and only there', () => {
  const { a, lines } = asm();
  a.pushFrame(msg(T1, 'dos\r'));
  a.pushFrame(msg(T1, 'two\r\r'));
  a.pushFrame(msg(T1, 'mid\rdle'));
  assert.deepEqual(lines.map((l) => l[1]), ['dos', 'two\r', 'mid\rdle']);
});

test('partial merge: a 40,000-byte line in pieces of 16384/16384/7232 is one line with the first timestamp', () => {
  const { a, lines } = asm();
  const body = Buffer.alloc(40_000);
  for (let i = 0; i < body.length; i++) body[i] = 0x61 + (i % 26);
  const ps = pieces(T1, body);
  assert.deepEqual(ps.map((p) => p.length - T1.length - 1), [16384, 16384, 7233]); // last has its \n
  // Docker gives every piece the same time; should they differ, the first one wins.
  a.pushFrame(ps[0]!);
  a.pushFrame(Buffer.concat([Buffer.from(T2), ps[1]!.subarray(T1.length)]));
  a.pushFrame(Buffer.concat([Buffer.from(T2), ps[2]!.subarray(T1.length)]));
  assert.equal(lines.length, 1);
  assert.deepEqual(lines[0], [T1, body.toString(), false]);
});

test('partial merge off: every piece is its own line', () => {
  const { a, lines } = asm({ partialMerge: false });
  for (const p of pieces(T1, Buffer.alloc(40_000, 'z'))) a.pushFrame(p);
  assert.deepEqual(lines.map((l) => [l[0], l[1].length, l[2]]), [[T1, 16384, false], [T1, 16384, false], [T1, 7232, false]]);
});

test('a multibyte character split between pieces decodes whole', () => {
  const { a, lines } = asm();
  const euro = Buffer.from('€'); // e2 82 ac
  a.pushFrame(msg(T1, Buffer.concat([Buffer.from('price '), euro.subarray(0, 1)]), false));
  a.pushFrame(msg(T1, euro.subarray(1, 2), false));
  a.pushFrame(msg(T1, Buffer.concat([euro.subarray(2), Buffer.from('5')])));
  assert.deepEqual(lines, [[T1, 'price €5', false]]);
});

test('invalid UTF-8 becomes U+FFFD', () => {
  const { a, lines } = asm();
  a.pushFrame(msg(T1, Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0xe2, 0x82])));
  assert.deepEqual(lines, [[T1, 'a\uFFFDb\uFFFD(\uFFFD', false]]);
});

test('a 300 KiB line is cut to exactly maxLineBytes and marked truncated', () => {
  const { a, lines } = asm();
  for (const p of pieces(T1, Buffer.alloc(300 * KIB, 'q'))) a.pushFrame(p);
  a.pushFrame(msg(T2, 'next'));
  assert.equal(lines.length, 2);
  assert.equal(lines[0]![0], T1);
  assert.equal(Buffer.byteLength(lines[0]![1]), 256 * KIB);
  assert.equal(lines[0]![2], true);
  assert.deepEqual(lines[1], [T2, 'next', false]);
});

test('the cut never splits a UTF-8 character', () => {
  // '€' is 3 bytes; with a 100-byte limit, 'a' + 33 euros = 100 bytes fits, the 34th cannot.
  for (const lead of ['', 'a', 'ab']) {
    const { a, lines } = asm({ maxLineBytes: 100 });
    const text = lead + '€'.repeat(60);
    a.pushFrame(msg(T1, text));
    const fit = lead.length + 3 * Math.floor((100 - lead.length) / 3);
    assert.equal(Buffer.byteLength(lines[0]![1]), fit, `lead ${JSON.stringify(lead)}`);
    assert.equal(lines[0]![1], Buffer.from(text).subarray(0, fit).toString());
    assert.ok(!lines[0]![1].includes('\uFFFD'));
    assert.equal(lines[0]![2], true);
  }
  // 4-byte characters across pieces, in the merged path.
  const { a, lines } = asm({ maxLineBytes: 10 });
  const smile = Buffer.from('😀😀😀😀'); // 16 bytes
  a.pushFrame(msg(T1, smile.subarray(0, 9), false));
  a.pushFrame(msg(T1, smile.subarray(9)));
  assert.deepEqual(lines, [[T1, '😀😀', true]]);
});

test('the limit itself: exactly max bytes is whole; max bytes + \\r\\n is whole; max + 1 is cut', () => {
  const { a, lines } = asm({ maxLineBytes: 8 });
  a.pushFrame(msg(T1, '12345678'));
  a.pushFrame(msg(T1, '12345678\r'));
  a.pushFrame(msg(T1, '123456789'));
  a.pushFrame(msg(T1, '1234', false));
  a.pushFrame(msg(T1, '5678\r'));
  a.pushFrame(msg(T1, '1234', false));
  a.pushFrame(msg(T1, '5678\r\r'));
  assert.deepEqual(lines, [
    [T1, '12345678', false],
    [T1, '12345678', false],
    [T1, '12345678', true],
    [T1, '12345678', false],
    [T1, '12345678', true],
  ]);
});

test('a 100 MB line is skipped as it arrives: memory stays at maxLineBytes', () => {
  const { a, lines } = asm({ maxLineBytes: 1000 });
  const piece = msg(T1, Buffer.alloc(16 * KIB, 'w'), false);
  for (let i = 0; i < 6400; i++) {
    a.pushFrame(piece);
    assert.ok((a as unknown as { kept: number }).kept <= 1001);
  }
  assert.ok(((a as unknown as { acc: Buffer }).acc?.length ?? 0) <= 1001);
  a.pushFrame(msg(T1, 'end'));
  assert.equal(lines.length, 1);
  assert.equal(lines[0]![1].length, 1000);
  assert.equal(lines[0]![2], true);
});

test('flush emits a line that never got its newline; reset drops it', () => {
  const { a, lines } = asm();
  a.pushFrame(msg(T1, 'died mid-', false));
  a.pushFrame(msg(T1, 'line', false));
  a.flush();
  a.flush();
  assert.deepEqual(lines, [[T1, 'died mid-line', false]]);
  a.pushFrame(msg(T2, 'broken connection', false));
  a.reset();
  a.flush();
  assert.equal(lines.length, 1);
});

test('a message without a timestamp is kept with time "" and reported', () => {
  const { a, lines, garbage } = asm();
  a.pushFrame(Buffer.from('no timestamp here\n'));
  a.pushFrame(Buffer.from('2026-11-24 not-rfc3339 x\n'));
  assert.deepEqual(lines, [['', 'no timestamp here', false], ['', '2026-11-24 not-rfc3339 x', false]]);
  assert.equal(garbage.length, 2);
  assert.match(garbage[0]!, /without a timestamp/);
});

test('TTY raw stream: lines split anywhere, CRLF, a line without newline at the end', () => {
  const all = Buffer.from(`${T1} first\r\n${T2} second line\r\n${T1} \r\n${T2} noeol`);
  for (let cut = 0; cut <= all.length; cut++) {
    const { a, lines, garbage } = asm();
    a.pushRaw(all.subarray(0, cut));
    a.pushRaw(all.subarray(cut));
    a.flush();
    assert.deepEqual(lines, [[T1, 'first', false], [T2, 'second line', false], [T1, '', false], [T2, 'noeol', false]], `cut ${cut}`);
    assert.deepEqual(garbage, []);
  }
});

test('TTY raw stream: Docker\'s 16 KiB pieces (a timestamp mid-line) are joined, or kept apart', () => {
  // The shape verified against dockerd: `ts <16384>ts <16384>ts <7232>\r\n`.
  const body = Buffer.alloc(40_000, 'a');
  const raw = Buffer.concat([...pieces(T1, Buffer.concat([body, Buffer.from('\r')])), Buffer.from(`${T2} short\r\n`)]);
  const merged = asm();
  for (let i = 0; i < raw.length; i += 1000) merged.a.pushRaw(raw.subarray(i, i + 1000));
  assert.deepEqual(merged.lines.map((l) => [l[0], l[1].length, l[2]]), [[T1, 40_000, false], [T2, 5, false]]);
  const apart = asm({ partialMerge: false });
  apart.a.pushRaw(raw);
  assert.deepEqual(apart.lines.map((l) => l[1].length), [16384, 16384, 7232, 5]);
});

test('TTY raw stream: a long line is cut at maxLineBytes and the next line is intact', () => {
  const { a, lines } = asm({ maxLineBytes: 300 * KIB - 7 });
  const raw = Buffer.concat([...pieces(T1, Buffer.alloc(400 * KIB, 'b')), Buffer.from(`${T2} after\r\n`)]);
  for (let i = 0; i < raw.length; i += 65536) a.pushRaw(raw.subarray(i, i + 65536));
  assert.deepEqual(lines.map((l) => [l[0], l[1].length, l[2]]), [[T1, 300 * KIB - 7, true], [T2, 5, false]]);
});

test('cutAtCharBoundary steps back over at most 3 continuation bytes', () => {
  const b = Buffer.from('a€b');
  assert.equal(cutAtCharBoundary(b, 1, 0), 1);
  assert.equal(cutAtCharBoundary(b, 2, 0), 1);
  assert.equal(cutAtCharBoundary(b, 3, 0), 1);
  assert.equal(cutAtCharBoundary(b, 4, 0), 4);
  assert.equal(cutAtCharBoundary(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80]), 4, 0), 1);
});

test('LogStreamReader: stdout and stderr each get their own lines, interleaved pieces included', () => {
  const got: Array<[string, string, string, boolean]> = [];
  const r = new LogStreamReader({ tty: false, partialMerge: true, maxLineBytes: 1000 }, (s, t, l, tr) => got.push([s, t, l, tr]));
  const bytes = Buffer.concat([
    frame(1, msg(T1, 'out-a ', false)),
    frame(2, msg(T2, 'err-a ', false)),
    frame(1, msg(T1, 'out-b')),
    frame(2, msg(T2, 'err-b\r')),
    frame(0, msg(T2, 'stdin reads as stdout')),
  ]);
  for (let i = 0; i < bytes.length; i += 7) r.push(bytes.subarray(i, i + 7));
  r.end();
  assert.deepEqual(got, [
    ['stdout', T1, 'out-a out-b', false],
    ['stderr', T2, 'err-a err-b', false],
    ['stdout', T2, 'stdin reads as stdout', false],
  ]);
});

test('LogStreamReader: TTY is raw and all stdout; end flushes, abort drops', () => {
  const got: string[] = [];
  const r = new LogStreamReader({ tty: true, partialMerge: true, maxLineBytes: 1000 }, (s, _t, l) => got.push(`${s}:${l}`));
  r.push(Buffer.from(`${T1} one\r\n${T1} tw`));
  r.push(Buffer.from(`o\r\n${T2} three`));
  r.end();
  r.push(Buffer.from(`${T2} ignored\r\n`));
  assert.deepEqual(got, ['stdout:one', 'stdout:two', 'stdout:three']);
  const got2: string[] = [];
  const garbage: string[] = [];
  const r2 = new LogStreamReader({ tty: false, partialMerge: true, maxLineBytes: 1000 }, (_s, _t, l) => got2.push(l), (g) => garbage.push(g));
  r2.push(Buffer.concat([frame(1, msg(T1, 'whole')), frame(1, msg(T1, 'cut by a broken connection', false)), frame(2, msg(T1, 'x')).subarray(0, 10)]));
  r2.abort();
  r2.end();
  assert.deepEqual(got2, ['whole']);
  assert.deepEqual(garbage, []);
});

test('property: a payload given as a range of a larger buffer gives the same lines as the payload alone', async () => {
  const fc = (await import('fast-check')).default;
  const body = fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(T1, T2, 'no-ts'), body, fc.boolean(), body, body), { maxLength: 8 }), fc.boolean(), (msgs, merge) => {
      const whole = asm({ partialMerge: merge, maxLineBytes: 40 });
      const ranged = asm({ partialMerge: merge, maxLineBytes: 40 });
      for (const [t, b, nl, before, after] of msgs) {
        const p = t === 'no-ts' ? Buffer.concat([b, Buffer.from(nl ? '\n' : '')]) : msg(t, b, nl);
        whole.a.pushFrame(Buffer.from(p));
        ranged.a.pushFrame(Buffer.concat([before, p, after]), before.length, before.length + p.length);
      }
      whole.a.flush();
      ranged.a.flush();
      assert.deepEqual(ranged.lines, whole.lines);
      assert.deepEqual(ranged.garbage, whole.garbage);
    }),
    { numRuns: 500 },
  );
});
