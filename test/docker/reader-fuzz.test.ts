/**
 * Properties of the whole byte path (demux → assembler): the records do not depend on how the byte
 * stream is cut into chunks, they match a reference model written from the rules (not from the
 * code), and no input makes the reader throw or hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LogStreamReader, type ReaderOptions } from '../../src/docker/lines.js';
import { frame } from '../helpers/frames.js';

type Rec = [stream: string, time: string, line: string, truncated: boolean];

/** One source line as the container wrote it, and how Docker cut it (framed case). */
interface Src {
  stream: 'stdout' | 'stderr';
  content: Uint8Array; // without the \n
  cuts: number[]; // piece boundaries inside content
  eol: boolean; // false only for the last line of a stream: the container died mid-line
}

const ts = (i: number): string => `2026-11-24T07:49:${String(10 + (i % 50)).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`;

/** Bytes that make the rules matter: \r, multibyte characters (to be split), invalid UTF-8. */
const atom = fc.oneof(
  fc.constantFrom('a', 'b', ' ', '\r', 'é', '€', '😀', '\t', '\0').map((s) => Buffer.from(s)),
  fc.integer({ min: 0, max: 255 }).filter((b) => b !== 0x0a).map((b) => Buffer.from([b])),
);
const content = fc.array(atom, { maxLength: 24 }).map((a) => new Uint8Array(Buffer.concat(a)));
const src = fc.record({
  stream: fc.constantFrom('stdout' as const, 'stderr' as const),
  content,
  cuts: fc.array(fc.nat(), { maxLength: 3 }),
});

function pieceBounds(len: number, cuts: number[]): number[] {
  const inner = [...new Set(cuts.map((c) => (len === 0 ? 0 : c % (len + 1))))].filter((c) => c > 0 && c < len).sort((a, b) => a - b);
  return [0, ...inner, len];
}


/** Docker's encoding: every piece `ts <bytes>` in its own frame, only the last with `\n`. */
function encodeFramed(srcs: Src[]): Buffer {
  const out: Buffer[] = [];
  srcs.forEach((s, i) => {
    const b = pieceBounds(s.content.length, s.cuts);
    for (let k = 0; k + 1 < b.length; k++) {
      const last = k + 2 === b.length;
      // Pieces normally share a time; differing ones check that the first wins.
      const p = Buffer.concat([Buffer.from(`${ts(i * 4 + k)} `), Buffer.from(s.content.subarray(b[k], b[k + 1])), Buffer.from(last && s.eol ? '\n' : '')]);
      out.push(frame(s.stream === 'stdout' ? 1 : 2, p));
    }
  });
  return Buffer.concat(out);
}

/** The rules, written plainly: strip one \r before \n, cut at max on a character start, decode. */
function modelLine(time: string, bytes: Uint8Array, eol: boolean, max: number): [string, string, boolean] {
  let b = Buffer.from(bytes);
  if (eol && b.length > 0 && b[b.length - 1] === 0x0d) b = b.subarray(0, b.length - 1);
  if (b.length <= max) return [time, b.toString('utf8'), false];
  let cut = max;
  // A character starts at a byte that is not 10xxxxxx; look back no further than a character's length.
  for (let back = 0; back < 3 && cut > 0 && (b[cut]! & 0xc0) === 0x80; back++) cut--;
  return [time, b.subarray(0, cut).toString('utf8'), true];
}

function modelFramed(srcs: Src[], merge: boolean, max: number): Rec[] {
  const out: Rec[] = [];
  srcs.forEach((s, i) => {
    const b = pieceBounds(s.content.length, s.cuts);
    if (merge) {
      out.push([s.stream, ...modelLine(ts(i * 4), s.content, s.eol, max)]);
      return;
    }
    for (let k = 0; k + 1 < b.length; k++) {
      const last = k + 2 === b.length;
      out.push([s.stream, ...modelLine(ts(i * 4 + k), s.content.subarray(b[k], b[k + 1]), last && s.eol, max)]);
    }
  });
  return out;
}

function cutInto(all: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of at) {
    out.push(all.subarray(prev, c));
    prev = c;
  }
  out.push(all.subarray(prev));
  return out;
}

function read(opts: ReaderOptions, chunks: Buffer[]): { recs: Rec[]; garbage: number } {
  const recs: Rec[] = [];
  let garbage = 0;
  const r = new LogStreamReader(opts, (s, t, l, tr) => recs.push([s, t, l, tr]), () => garbage++);
  for (const c of chunks) r.push(c);
  r.end();
  return { recs, garbage };
}

/** Lines of one stream stay in order; the two streams' pieces may interleave (Docker does). */
function perStream(recs: Rec[], s: string): Rec[] {
  return recs.filter((r) => r[0] === s);
}

const chunkCuts = fc.array(fc.nat(), { maxLength: 40 });
const opts = fc.record({ partialMerge: fc.boolean(), maxLineBytes: fc.integer({ min: 1, max: 40 }) });

test('framed: any chunking gives the same records as one chunk, and as the model', () => {
  fc.assert(
    fc.property(fc.array(src, { maxLength: 12 }), fc.boolean(), opts, chunkCuts, (lines, lastNoEol, o, cuts) => {
      // The lines of one stream end with a newline, except perhaps the very last one.
      const srcs: Src[] = lines.map((l, i) => ({ ...l, eol: !(lastNoEol && i === lines.length - 1) }));
      const all = encodeFramed(srcs);
      const ro: ReaderOptions = { tty: false, ...o };
      const whole = read(ro, [all]);
      const chunked = read(ro, cutInto(all, cuts));
      assert.deepEqual(chunked, whole);
      assert.equal(whole.garbage, 0);
      // Each line's frames are contiguous here, so the order is the model's order exactly.
      assert.deepEqual(whole.recs, modelFramed(srcs, o.partialMerge, o.maxLineBytes));
    }),
    { numRuns: 400 },
  );
});

test('framed: pieces of stdout and stderr interleaved frame by frame', () => {
  fc.assert(
    fc.property(fc.array(src, { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 40 }), opts, chunkCuts, (lines, pick, o, cuts) => {
      const srcs: Src[] = lines.map((l) => ({ ...l, eol: true }));
      // Split each stream's frames apart, then zip them by `pick`.
      const frames = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
      for (const s of srcs) {
        const enc = encodeFramed([s]);
        for (let i = 0; i < enc.length; i += 8 + enc.readUInt32BE(i + 4)) frames[s.stream].push(enc.subarray(i, i + 8 + enc.readUInt32BE(i + 4)));
      }
      const mixed: Buffer[] = [];
      let k = 0;
      while (frames.stdout.length > 0 || frames.stderr.length > 0) {
        const takeOut = frames.stderr.length === 0 || (frames.stdout.length > 0 && (pick[k++ % Math.max(1, pick.length)] ?? true));
        mixed.push((takeOut ? frames.stdout : frames.stderr).shift()!);
      }
      const all = Buffer.concat(mixed);
      const ro: ReaderOptions = { tty: false, ...o };
      const whole = read(ro, [all]);
      assert.deepEqual(read(ro, cutInto(all, cuts)), whole);
      // Each line was encoded alone (time index 0..), so compare texts and flags per stream.
      const want = srcs.flatMap((s) => modelFramed([s], o.partialMerge, o.maxLineBytes));
      const strip = (r: Rec[]) => r.map(([s, , l, t]) => [s, l, t]);
      for (const s of ['stdout', 'stderr']) assert.deepEqual(strip(perStream(whole.recs, s)), strip(perStream(want, s)));
    }),
    { numRuns: 300 },
  );
});

/** TTY: `ts <bytes>` messages in one raw stream; Docker cuts a line every `p` content bytes. */
function encodeTty(srcs: Array<{ content: Uint8Array; eol: boolean }>, p: number): Buffer {
  const out: Buffer[] = [];
  srcs.forEach((s, i) => {
    const ps = ttyPieces(s.content, s.eol, p);
    ps.forEach((piece, k) => {
      const last = k + 1 === ps.length;
      out.push(Buffer.from(`${ts(i * 4 + (k % 4))} `), Buffer.from(piece), Buffer.from(last && s.eol ? '\n' : ''));
    });
  });
  return Buffer.concat(out);
}

/**
 * Docker's copier: whenever p bytes wait without a newline they go out as a piece; then the rest
 * (maybe empty) with the newline. A line cut off by the container's death sends only what exists.
 */
function ttyPieces(c: Uint8Array, eol: boolean, p: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  for (; c.length - i >= p; i += p) out.push(c.subarray(i, i + p));
  if (eol || i < c.length) out.push(c.subarray(i));
  return out;
}

test('TTY: any chunking gives the same records as one chunk, and as the model', () => {
  fc.assert(
    fc.property(
      fc.array(content, { maxLength: 10 }),
      fc.boolean(),
      opts,
      fc.integer({ min: 1, max: 12 }),
      chunkCuts,
      (lines, lastNoEol, o, p, cuts) => {
        const srcs = lines.map((c, i) => ({ content: c, eol: !(lastNoEol && i === lines.length - 1) }));
        const all = encodeTty(srcs, p);
        const ro: ReaderOptions = { tty: true, ttyPartialBytes: p, ...o };
        const whole = read(ro, [all]);
        assert.deepEqual(read(ro, cutInto(all, cuts)), whole);
        assert.equal(whole.garbage, 0);
        const want: Rec[] = [];
        srcs.forEach((s, i) => {
          const ps = ttyPieces(s.content, s.eol, p);
          if (ps.length === 0) return;
          if (o.partialMerge) want.push(['stdout', ...modelLine(ts(i * 4), s.content, s.eol, o.maxLineBytes)]);
          else ps.forEach((piece, k) => want.push(['stdout', ...modelLine(ts(i * 4 + (k % 4)), piece, k + 1 === ps.length && s.eol, o.maxLineBytes)]));
        });
        assert.deepEqual(whole.recs, want);
      },
    ),
    { numRuns: 400 },
  );
});

test('garbage: random bytes never throw or hang, and chunking does not change the outcome', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), opts, chunkCuts, (bytes, tty, o, cuts) => {
      const all = Buffer.from(bytes);
      const ro: ReaderOptions = { tty, ...o };
      const whole = read(ro, [all]);
      const chunked = read(ro, cutInto(all, cuts));
      assert.deepEqual(chunked.recs, whole.recs);
      assert.equal(chunked.garbage, whole.garbage);
    }),
    { numRuns: 500 },
  );
});

test('garbage: random bytes mostly shaped like headers (bytes 0..3) never throw or hang', () => {
  const headerish = fc.array(fc.oneof(fc.constantFrom(0, 0, 0, 1, 2, 3), fc.nat(255)), { maxLength: 2000 });
  fc.assert(
    fc.property(headerish, chunkCuts, (bytes, cuts) => {
      const all = Buffer.from(bytes);
      const ro: ReaderOptions = { tty: false, partialMerge: true, maxLineBytes: 64 };
      const whole = read(ro, [all]);
      assert.deepEqual(read(ro, cutInto(all, cuts)), whole);
    }),
    { numRuns: 300 },
  );
});

test('garbage between frames: resynchronised, no record lost, garbage never becomes a record', () => {
  // Bytes 4..255 can never start a header, so every real frame after a garbage run is found again.
  const junk = fc.uint8Array({ minLength: 1, maxLength: 30, min: 4, max: 255 });
  fc.assert(
    fc.property(fc.array(fc.tuple(src, fc.option(junk)), { maxLength: 10 }), opts, chunkCuts, (items, o, cuts) => {
      const srcs: Src[] = items.map(([s]) => ({ ...s, eol: true }));
      // Junk goes after each line's frames (never inside a frame).
      const all = Buffer.concat(items.map(([, j], i) => Buffer.concat([encodeFramed([srcs[i]!]), Buffer.from(j ?? [])])));
      const ro: ReaderOptions = { tty: false, ...o };
      const whole = read(ro, [all]);
      assert.deepEqual(read(ro, cutInto(all, cuts)), whole);
      const strip = (r: Rec[]) => r.map(([s, , l, t]) => [s, l, t]);
      const want = srcs.flatMap((s) => modelFramed([s], o.partialMerge, o.maxLineBytes));
      for (const s of ['stdout', 'stderr']) assert.deepEqual(strip(perStream(whole.recs, s)), strip(perStream(want, s)));
      assert.ok(whole.recs.every((r) => r[1] !== ''), 'no record without a timestamp');
      if (items.some(([, j]) => j !== null)) assert.ok(whole.garbage >= 1);
    }),
    { numRuns: 300 },
  );
});

test('every chunking of one fixed stream, byte by byte', () => {
  const srcs: Src[] = [
    { stream: 'stdout', content: new Uint8Array(Buffer.from('price: 5€ \r')), cuts: [8, 9], eol: true },
    { stream: 'stderr', content: new Uint8Array(Buffer.from('oops😀')), cuts: [6], eol: true },
  ];
  const all = encodeFramed(srcs);
  const ro: ReaderOptions = { tty: false, partialMerge: true, maxLineBytes: 100 };
  const want = read(ro, [all]);
  assert.deepEqual(want.recs.map((r) => r[2]), ['price: 5€ ', 'oops😀']);
  assert.deepEqual(read(ro, [...all].map((b) => Buffer.from([b]))), want);
});

/**
 * The reader keeps nothing that points into a chunk after `push` returns: the tap reads each socket
 * into ONE reused buffer (net's `onread`), so a kept reference would see the next read's bytes.
 * Here every chunk is copied into one scratch buffer that is scribbled over after each push.
 */
function readReusing(opts: ReaderOptions, chunks: Buffer[]): { recs: Rec[]; garbage: number } {
  const recs: Rec[] = [];
  let garbage = 0;
  const scratch = Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length)));
  const r = new LogStreamReader(opts, (s, t, l, tr) => recs.push([s, t, l, tr]), () => garbage++);
  for (const c of chunks) {
    c.copy(scratch);
    r.push(scratch.subarray(0, c.length));
    scratch.fill(0xaa);
  }
  r.end();
  return { recs, garbage };
}

test('framed and TTY: a reused read buffer gives the same records (nothing kept by reference)', () => {
  fc.assert(
    fc.property(fc.array(src, { maxLength: 10 }), opts, chunkCuts, fc.integer({ min: 1, max: 12 }), (lines, o, cuts, p) => {
      const srcs: Src[] = lines.map((l) => ({ ...l, eol: true }));
      const framed = encodeFramed(srcs);
      const fo: ReaderOptions = { tty: false, ...o };
      assert.deepEqual(readReusing(fo, cutInto(framed, cuts)), read(fo, [framed]));
      const tty = encodeTty(lines.map((l) => ({ content: l.content, eol: true })), p);
      const to: ReaderOptions = { tty: true, ttyPartialBytes: p, ...o };
      assert.deepEqual(readReusing(to, cutInto(tty, cuts)), read(to, [tty]));
    }),
    { numRuns: 400 },
  );
});
