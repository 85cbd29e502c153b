/**
 * Resuming on Podman (reference/ecosystem.md §9, docs/podman.md): the logs API stamps lines to the
 * whole second, compares `since` exclusively with the nanoseconds it stored, and returns a line that
 * was written in pieces as several frames (each stamped with its own second; only the last ends in
 * `\n`). A model of that engine feeds the real reader (LogStreamReader), the tap's time
 * normalisation, the read cursor and the ack tracker through crashes and restarts: nothing is lost,
 * nothing acknowledged is sent again, and no piece of a line is ever delivered as a line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Stream } from '../../src/core/record.js';
import { AckTracker, type StreamCheckpoints } from '../../src/delivery/acks.js';
import { canonicalDockerTime, formatDockerTime } from '../../src/delivery/time.js';
import { ReadCursor } from '../../src/docker/cursor.js';
import { LogStreamReader } from '../../src/docker/lines.js';
import { joinPodmanTtyPieces } from '../../src/docker/podman.js';
import { ackedPrefix } from '../delivery/trace.js';

interface Piece {
  line: number;
  stream: Stream;
  /** Stored time, nanoseconds since the epoch. */
  ns: bigint;
  text: string;
  last: boolean;
}
interface PodmanLog {
  pieces: Piece[];
  lines: Array<{ i: number; stream: Stream; text: string }>;
}

const BASE_NS = 1_700_000_000_000_000_000n;

/** Lines of both streams, some in 2–3 pieces up to a second apart, times non-decreasing per stream, often on whole seconds. */
const logArb = fc
  .array(
    fc.record({
      stream: fc.constantFrom<Stream>('stdout', 'stderr'),
      gapMs: fc.constantFrom(0, 0, 1, 50, 300, 700, 1300),
      skewMs: fc.integer({ min: 0, max: 300 }),
      // Under a second between pieces (see docs/podman.md for longer pauses inside one line).
      pieceGapsMs: fc.array(fc.constantFrom(0, 20, 600, 999), { maxLength: 2 }),
      ns: fc.integer({ min: 0, max: 999_999 }),
    }),
    { maxLength: 50 },
  )
  .map((steps): PodmanLog => {
    let clock = 0n;
    const last: Record<Stream, bigint> = { stdout: 0n, stderr: 0n };
    const pieces: Piece[] = [];
    const lines: PodmanLog['lines'] = [];
    steps.forEach((s, i) => {
      clock += BigInt(s.gapMs) * 1_000_000n;
      let t = clock - BigInt(s.skewMs) * 1_000_000n + BigInt(s.ns);
      if (t < last[s.stream]) t = last[s.stream];
      const n = s.pieceGapsMs.length + 1;
      const text = `${s.stream[3]}${i}`;
      for (let k = 0; k < n; k++) {
        if (k > 0) t += BigInt(s.pieceGapsMs[k - 1]!) * 1_000_000n;
        pieces.push({ line: i, stream: s.stream, ns: BASE_NS + t, text: `${text}.${k}`, last: k === n - 1 });
      }
      last[s.stream] = t;
      if (t > clock) clock = t; // the engine's clock moved on while the pieces were written
      lines.push({ i, stream: s.stream, text: Array.from({ length: n }, (_, k) => `${text}.${k}`).join('') });
    });
    return { pieces, lines };
  });

/** `since` (`<s>.<9 digits>`) → nanoseconds. */
function sinceNs(since: string): bigint {
  const [s, f = '0'] = since.split('.');
  return BigInt(s!) * 1_000_000_000n + BigInt(f.padEnd(9, '0'));
}

/** What Podman's logs API sends for `pieces` and `since`: frames of the pieces stored after it, stamped to the second. */
function podmanBody(pieces: readonly Piece[], since: string | undefined): Buffer {
  const from = since === undefined ? -1n : sinceNs(since);
  const frames: Buffer[] = [];
  for (const p of pieces) {
    if (p.ns <= from) continue; // exclusive, against the stored nanoseconds
    const stamp = new Date(Number(p.ns / 1_000_000_000n) * 1000).toISOString().slice(0, 19) + 'Z';
    const payload = Buffer.from(`${stamp} ${p.text}${p.last ? '\n' : ''}`);
    const head = Buffer.alloc(8);
    head[0] = p.stream === 'stdout' ? 1 : 2;
    head.writeUInt32BE(payload.length, 4);
    frames.push(head, payload);
  }
  return Buffer.concat(frames);
}

/** One read, as the tap makes it: the reader's lines, times made canonical, through the cursor. */
function read(pieces: readonly Piece[], cps: StreamCheckpoints, finished: boolean): Array<{ stream: Stream; time: string; line: string }> {
  const cursor = new ReadCursor(cps);
  const out: Array<{ stream: Stream; time: string; line: string }> = [];
  const reader = new LogStreamReader({ tty: false, partialMerge: true, maxLineBytes: 1 << 20 }, (stream, time, line) => {
    const t = canonicalDockerTime(time);
    if (cursor.admit(stream, t)) out.push({ stream, time: t, line });
  });
  reader.push(podmanBody(pieces, cursor.since()));
  if (finished) reader.end();
  else reader.abort(); // the connection broke (a crash): an unfinished line is read again next time
  return out;
}

test('whole-second positions: since() takes in the whole second before; others are unchanged', () => {
  const sec = 1_700_000_007;
  const at = (nsec: number) => formatDockerTime({ sec, nsec });
  assert.equal(new ReadCursor({ stdout: { time: at(0), count: 3 } }).since(), `${sec - 2}.999999999`);
  assert.equal(new ReadCursor({ stdout: { time: at(1), count: 3 } }).since(), `${sec}.000000001`);
  assert.equal(new ReadCursor({ stdout: { time: at(0), count: 0 }, stderr: { time: at(5), count: 1 } }).since(), `${sec - 2}.999999999`);
  assert.equal(canonicalDockerTime('2026-12-02T02:11:18Z'), '2026-12-02T02:11:18.000000000Z');
  assert.equal(canonicalDockerTime('2026-12-02T02:11:18.123456789Z'), '2026-12-02T02:11:18.123456789Z');
});

test('property (Podman model): crashes and restarts deliver every line not in the acknowledged prefix, whole, once', () => {
  fc.assert(
    fc.property(
      logArb,
      fc.array(fc.record({ cut: fc.nat(), acks: fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }) }), { minLength: 1, maxLength: 4 }),
      (log, runs) => {
        const text = new Map(log.lines.map((l) => [l.text, l.i]));
        let acked = new Set<number>();
        let cps: StreamCheckpoints = {};
        let upTo = 0;
        for (const run of runs) {
          upTo = Math.min(log.pieces.length, upTo + (run.cut % (log.pieces.length + 1)));
          const visible = log.pieces.slice(0, upTo);
          const complete = new Set(visible.filter((p) => p.last).map((p) => p.line));
          const written = log.lines.filter((l) => complete.has(l.i)).map((l) => ({ ...l, time: '' }));
          const prefix = ackedPrefix(written, (l) => acked.has(l.i));
          const got = read(visible, cps, false);
          for (const g of got) assert.ok(text.has(g.line), `a piece delivered as a line: ${g.line} (from ${JSON.stringify(cps)})`);
          assert.deepEqual(
            got.map((g) => text.get(g.line)),
            written.filter((l) => !prefix.has(l.i)).map((l) => l.i),
            `run from ${JSON.stringify(cps)}`,
          );
          acked = new Set(prefix);
          const tracker = new AckTracker('c', cps);
          for (const g of got) {
            const seq = tracker.add(g.stream, g.time);
            tracker.retain(g.stream, seq);
            tracker.settle(g.stream, seq);
            if (run.acks[text.get(g.line)!]) {
              tracker.settle(g.stream, seq);
              acked.add(text.get(g.line)!);
            }
          }
          cps = tracker.checkpoint();
        }
        // A graceful last run acknowledges everything: a restart after it re-delivers nothing.
        const tracker = new AckTracker('c', cps);
        const rest = read(log.pieces, cps, true);
        assert.deepEqual(
          rest.map((g) => text.get(g.line)),
          log.lines.filter((l) => !ackedPrefix(log.lines.map((x) => ({ ...x, time: '' })), (x) => acked.has(x.i)).has(l.i)).map((l) => l.i),
        );
        for (const g of rest) tracker.settle(g.stream, tracker.add(g.stream, g.time));
        assert.deepEqual(read(log.pieces, tracker.checkpoint(), true), []);
      },
    ),
    { numRuns: 400, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) },
  );
});

test('TTY piece marks: removed inside a line when not older than the line; kept at its start, when older, or in another form', () => {
  const at = '2026-12-02T02:46:03.000000000Z';
  assert.equal(joinPodmanTtyPieces('tty-432026-12-02T02:46:03Z ', at), 'tty-43');
  assert.equal(joinPodmanTtyPieces('piece-2026-12-02T02:46:05Z end', at), 'piece-end');
  assert.equal(joinPodmanTtyPieces('a2026-12-02T02:46:04Z b2026-12-02T02:46:05Z c', at), 'abc');
  assert.equal(joinPodmanTtyPieces('2026-12-02T02:46:03Z INFO started', at), '2026-12-02T02:46:03Z INFO started', 'the program\'s own stamp at the start');
  assert.equal(joinPodmanTtyPieces('seen 2026-12-02T02:40:00Z before', at), 'seen 2026-12-02T02:40:00Z before', 'older than the line');
  assert.equal(joinPodmanTtyPieces('at 2026-12-02T02:46:03.5Z ok', at), 'at 2026-12-02T02:46:03.5Z ok', 'not the whole-second form');
  assert.equal(joinPodmanTtyPieces('plain line', at), 'plain line');
});
