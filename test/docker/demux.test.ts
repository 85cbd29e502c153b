import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDemuxer, type FrameStream } from '../../src/docker/demux.js';
import { frame } from '../helpers/frames.js';


function collect(opts?: { maxFrameBytes?: number }) {
  const frames: Array<[FrameStream, string]> = [];
  const payloads: Buffer[] = [];
  const garbage: string[] = [];
  const d = new FrameDemuxer(
    (s, b, start, end) => {
      const p = b.subarray(start, end);
      frames.push([s, p.toString()]);
      payloads.push(p);
    },
    (g) => garbage.push(g),
    opts,
  );
  return { d, frames, payloads, garbage };
}

test('frames of each type: 1 stdout, 2 stderr, 0 (stdin) read as stdout', () => {
  const { d, frames, garbage } = collect();
  d.push(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(0, 'in\n')]));
  d.end();
  assert.deepEqual(frames, [['stdout', 'out\n'], ['stderr', 'err\n'], ['stdout', 'in\n']]);
  assert.deepEqual(garbage, []);
});

test('a frame inside one chunk is passed on without a copy', () => {
  const { d, payloads } = collect();
  const chunk = Buffer.concat([frame(1, 'abc'), frame(2, 'defg')]);
  d.push(chunk);
  assert.equal(payloads.length, 2);
  assert.equal(payloads[0]!.buffer, chunk.buffer);
  assert.equal(payloads[0]!.byteOffset, chunk.byteOffset + 8);
  assert.equal(payloads[1]!.byteOffset, chunk.byteOffset + 19);
});

test('every split point of a two-frame stream, and byte-by-byte, gives the same frames', () => {
  const all = Buffer.concat([frame(1, 'hello world\n'), frame(2, 'x'.repeat(300))]);
  const want = [['stdout', 'hello world\n'], ['stderr', 'x'.repeat(300)]];
  for (let cut = 0; cut <= all.length; cut++) {
    const { d, frames, garbage } = collect();
    d.push(all.subarray(0, cut));
    d.push(all.subarray(cut));
    d.end();
    assert.deepEqual(frames, want, `cut at ${cut}`);
    assert.deepEqual(garbage, []);
  }
  const { d, frames } = collect();
  for (let i = 0; i < all.length; i++) d.push(all.subarray(i, i + 1));
  assert.deepEqual(frames, want);
});

test('a zero-length frame is skipped, empty chunks are harmless', () => {
  const { d, frames, garbage } = collect();
  d.push(Buffer.alloc(0));
  d.push(Buffer.concat([frame(1, ''), frame(2, 'e')]));
  d.end();
  assert.deepEqual(frames, [['stderr', 'e']]);
  assert.deepEqual(garbage, []);
});

test('garbage between frames is reported once and never passed on; the next frame is found', () => {
  const { d, frames, garbage } = collect();
  d.push(Buffer.concat([frame(1, 'a\n'), Buffer.from('this is not a frame header at all'), frame(2, 'b\n'), frame(1, 'c\n')]));
  d.end();
  assert.deepEqual(frames, [['stdout', 'a\n'], ['stderr', 'b\n'], ['stdout', 'c\n']]);
  assert.equal(garbage.length, 1);
  assert.match(garbage[0]!, /invalid frame header 74686973/);
});

test('a header whose zero bytes are not zero, or whose type is 4+, is garbage', () => {
  for (const bad of [Buffer.from([1, 0, 1, 5, 5, 5, 5, 5]), Buffer.from([7, 0, 0, 0, 9, 9, 9, 9])]) {
    const { d, frames, garbage } = collect();
    d.push(Buffer.concat([bad, Buffer.from('zz'), frame(1, 'ok\n')]));
    d.end();
    assert.deepEqual(frames, [['stdout', 'ok\n']]);
    assert.equal(garbage.length, 1);
  }
});

test('a length over maxFrameBytes is garbage, not a reason to buffer', () => {
  const { d, frames, garbage } = collect({ maxFrameBytes: 100 });
  const huge = Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  d.push(Buffer.concat([huge, frame(1, 'ok\n')]));
  d.end();
  assert.deepEqual(frames, [['stdout', 'ok\n']]);
  assert.equal(garbage.length, 1);
});

test('while resynchronising, only lengths Docker really sends are believed', () => {
  // Offset 2 of this garbage reads as a stdout header announcing 162,426 bytes: plausible to a naive
  // scanner, which would then swallow the good frames behind it as one bogus payload.
  const { d, frames, garbage } = collect();
  d.push(Buffer.concat([Buffer.from([1, 0, 1, 0, 0, 0, 0, 2]), Buffer.from('zz'), frame(1, 'ok\n')]));
  d.end();
  assert.deepEqual(frames, [['stdout', 'ok\n']]);
  assert.equal(garbage.length, 1);
  // Outside a garbage run the normal bound applies: a 20,000-byte frame is fine.
  const big = collect();
  big.d.push(frame(2, 'y'.repeat(20_000)));
  assert.equal(big.frames[0]![1].length, 20_000);
});

test('a garbage run that straddles chunks is reported once, same as in one chunk', () => {
  const all = Buffer.concat([Buffer.from('\xff\xfe junk junk junk', 'latin1'), frame(1, 'a\n'), Buffer.from('more junk'), frame(2, 'b\n')]);
  for (let cut = 0; cut <= all.length; cut++) {
    const { d, frames, garbage } = collect();
    d.push(all.subarray(0, cut));
    d.push(all.subarray(cut));
    d.end();
    assert.deepEqual(frames, [['stdout', 'a\n'], ['stderr', 'b\n']], `cut at ${cut}`);
    assert.equal(garbage.length, 2, `cut at ${cut}`);
  }
});

test('a frame cut short at the end is reported and dropped', () => {
  const { d, frames, garbage } = collect();
  const f = frame(1, 'complete message\n');
  d.push(Buffer.concat([frame(2, 'x\n'), f.subarray(0, 12)]));
  d.end();
  assert.deepEqual(frames, [['stderr', 'x\n']]);
  assert.equal(garbage.length, 1);
  assert.match(garbage[0]!, /ended inside a frame \(4 of 17 payload bytes\)/);
});

test('a header cut short at the end is reported', () => {
  const { d, frames, garbage } = collect();
  d.push(frame(1, 'x\n').subarray(0, 5));
  d.end();
  d.end();
  assert.deepEqual(frames, []);
  assert.deepEqual(garbage, ['log stream ended inside a frame header (5 of 8 bytes)']);
});

test('a systemerr frame (type 3) is the daemon\'s error: reported, not a line', () => {
  const { d, frames, garbage } = collect();
  d.push(Buffer.concat([frame(3, 'Error grabbing logs: invalid character\n'), frame(1, 'a\n')]));
  assert.deepEqual(frames, [['stdout', 'a\n']]);
  assert.deepEqual(garbage, ['docker reported an error in the log stream: Error grabbing logs: invalid character']);
});

test('push after end is ignored; end twice is harmless', () => {
  const { d, frames } = collect();
  d.end();
  d.push(frame(1, 'late\n'));
  d.end();
  assert.deepEqual(frames, []);
});

test('works without an onGarbage callback', () => {
  const frames: string[] = [];
  const d = new FrameDemuxer((_s, b, start, end) => frames.push(b.toString('utf8', start, end)));
  d.push(Buffer.concat([Buffer.from('junk!junk!'), frame(1, 'a'), frame(1, 'b').subarray(0, 3)]));
  d.end();
  assert.deepEqual(frames, ['a']);
});
