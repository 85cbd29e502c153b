import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Deque, RING_MIN_SHRINK } from '../../src/delivery/deque.js';

test('property: a Deque is a FIFO queue whatever the pushes and shifts, with room for what it holds', () => {
  const op = fc.oneof(fc.record({ push: fc.integer({ min: 1, max: 3000 }) }), fc.record({ shift: fc.integer({ min: 1, max: 3000 }) }), fc.constant({ clear: true }));
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const d = new Deque<number>();
      const model: number[] = [];
      let next = 0;
      for (const o of ops) {
        if ('push' in o) for (let i = 0; i < o.push; i++) (d.push(next), model.push(next++));
        else if ('shift' in o) for (let i = 0; i < o.shift; i++) assert.equal(d.shift(), model.shift());
        else (d.clear(), (model.length = 0));
        assert.equal(d.length, model.length);
        assert.equal(d.peek(), model[0]);
        assert.ok(d.capacity >= d.length && (d.capacity & (d.capacity - 1)) === 0);
      }
    }),
    { numRuns: 200 },
  );
});

/** Fills `d` to `n` and empties it again, `rounds` times; returns how often its capacity changed. */
function cycle(d: Deque<number>, n: number, rounds: number): number {
  let changes = 0;
  let cap = d.capacity;
  const seen = (): void => {
    if (d.capacity !== cap) changes++;
    cap = d.capacity;
  };
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) (d.push(i), seen());
    for (let i = 0; i < n; i++) (d.shift(), seen());
  }
  return changes;
}

test('a buffer filled to a few thousand and emptied by every batch keeps its room (no grow/shrink per batch)', () => {
  const d = new Deque<number>();
  cycle(d, 5000, 1);
  assert.equal(d.capacity, 8192);
  // The old rule (shrink below a quarter full) resized 6 times per round here.
  assert.equal(cycle(d, 5000, 20), 0);
});

test('after a burst the room goes back on the first quiet round, and a queue that never empties still shrinks', () => {
  const d = new Deque<number>();
  cycle(d, 50_000, 1);
  assert.equal(d.capacity, 65536);
  cycle(d, 10, 2);
  assert.equal(d.capacity, RING_MIN_SHRINK);

  const e = new Deque<number>();
  for (let i = 0; i < 50_000; i++) e.push(i);
  for (let i = 0; i < 49_995; i++) e.shift();
  // Five items always held, a trickle through them: the window that saw the burst keeps the room,
  // the next one (a capacity's worth of removals later) gives it back.
  for (let i = 0; i < 140_000; i++) (e.push(i), e.shift());
  assert.equal(e.length, 5);
  assert.equal(e.capacity, RING_MIN_SHRINK);
});
