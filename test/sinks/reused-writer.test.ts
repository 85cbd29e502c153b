import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BodyWriter, ReusedWriter } from '../../src/sinks/body.js';
import { createRawSink } from '../../src/sinks/raw.js';
import { createSyslogSink } from '../../src/sinks/syslog.js';
import type { Transport } from '../../src/sinks/net/transport.js';
import type { SendResult, Sink } from '../../src/sinks/sink.js';
import { numberedRecords } from '../helpers/records.js';
import { rawDest, syslogDest } from './dests.js';

const sig = new AbortController().signal;
const OK: SendResult = { kind: 'ok' };
const TIMEOUT: SendResult = { kind: 'retryable', error: 'timeout', detail: 'write timed out' };

test('ReusedWriter: the same writer after a clean send, a new one after any other or while it is lent out', () => {
  const r = new ReusedWriter(16);
  const a = r.take();
  const overlapping = r.take();
  assert.notEqual(overlapping, a);
  r.settled(overlapping, false);
  r.settled(a, true);
  assert.equal(r.take(), a);
  r.settled(a, false);
  const b = r.take();
  assert.notEqual(b, a);
  r.settled(b, true);
  assert.equal(r.take(), b);
});

/** A transport that keeps every chunk it is given (as a socket still writing would) and answers `answer`. */
function holdingTransport(): Transport & { held: Buffer[]; answer: SendResult } {
  const t = { datagram: false, held: [] as Buffer[], answer: OK, send: async (c: readonly Buffer[]) => (t.held.push(...c), t.answer), close: async () => undefined };
  return t;
}

for (const [name, make] of [
  ['raw', (t: Transport) => createRawSink(rawDest('tcp://h:1'), t)],
  ['syslog', (t: Transport) => createSyslogSink(syslogDest('tcp://h:1'), t)],
] as const) {
  test(`${name}: a batch's bytes are never written over while an unclean send may still hold them; after a clean send the room is reused`, async () => {
    const t = holdingTransport();
    const sink: Sink = make(t);
    t.answer = TIMEOUT; // timed out mid-write: the socket may still be sending these bytes
    await sink.send(numberedRecords(50, 'first-'), sig);
    const first = Buffer.from(t.held[0]!);
    t.answer = OK;
    await sink.send(numberedRecords(50, 'second-'), sig);
    assert.ok(t.held[0]!.equals(first), 'the timed-out batch was written over');
    await sink.send(numberedRecords(50, 'third-'), sig);
    assert.equal(t.held[2]!.buffer, t.held[1]!.buffer, 'after a clean send the writer is reused (no copy per batch)');
    assert.match(t.held[2]!.toString('utf8'), /third-49\n?$/);
  });
}

test('property: BodyWriter holds exactly what was written (UTF-8 strings, single bytes, encoded bytes, ASCII prefixes), across growth and resets', () => {
  // Runs of single bytes long enough to fill the writer's first 1 KiB exactly, between the others.
  const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 1200 });
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 700 }),
    fc.uint8Array({ minLength: 1, maxLength: 1500, size: 'max' }).map((a) => Array.from(a, (x) => (x & 0x7f) | 1)),
    fc.uint8Array({ maxLength: 1500, size: 'max' }).map((a) => ({ bytes: Buffer.from(a) })),
    fc.tuple(ascii, fc.nat(1300)).map(([s, n]) => ({ latin1: s, n })),
  );
  fc.assert(
    fc.property(fc.array(fc.array(piece, { maxLength: 30 }), { minLength: 1, maxLength: 4 }), (rounds) => {
      const w = new BodyWriter(1);
      for (const pieces of rounds) {
        w.reset();
        const want: Buffer[] = [];
        for (const p of pieces) {
          if (typeof p === 'string') (w.write(p), want.push(Buffer.from(p, 'utf8')));
          else if (Array.isArray(p)) for (const x of p) (w.byte(x), want.push(Buffer.from([x])));
          else if ('bytes' in p) (w.bytes(p.bytes), want.push(p.bytes));
          else (w.latin1(p.latin1, p.n), want.push(Buffer.from(p.latin1.slice(0, p.n), 'latin1')));
        }
        assert.ok(w.finish().equals(Buffer.concat(want)));
      }
    }),
    // Counterexamples are kilobytes long: report the first one rather than shrink it for minutes.
    { numRuns: 200, endOnFailure: true },
  );
});

test('property: beginCounted/endCounted frame a message as `LEN SP MSG` with LEN its UTF-8 bytes, for any bound given, between other frames and across growth', () => {
  // The bound may undercount by any amount: the length then needs more digits than were kept.
  // (An overcount is a caller's mistake, handled all the same: the message moves left.)
  const frame = fc.record({ pieces: fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 6 }), under: fc.integer({ min: -20000, max: 3000 }), lead: fc.string({ maxLength: 3 }) });
  fc.assert(
    fc.property(fc.array(frame, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (frames, initial) => {
      const w = new BodyWriter(initial);
      let want = '';
      for (const f of frames) {
        w.write(f.lead);
        const msg = f.pieces.join('');
        const minBytes = Math.max(0, msg.length - f.under);
        const at = w.beginCounted(minBytes);
        for (const p of f.pieces) w.write(p);
        w.endCounted(at, minBytes);
        want += `${f.lead}${Buffer.byteLength(msg, 'utf8')} ${msg}`;
      }
      assert.ok(w.finish().equals(Buffer.from(want, 'utf8')));
    }),
    { numRuns: 500 },
  );
});
