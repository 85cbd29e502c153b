import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eachLimited } from '../../src/util/each-limited.js';

test('property: eachLimited calls fn once per item, in order of start, never more than `limit` at a time, and resolves after the last', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), async (delays, limit) => {
      const started: number[] = [];
      const done = new Set<number>();
      let inFlight = 0;
      let most = 0;
      await eachLimited(delays.map((d, i) => [i, d] as const), limit, async ([i, d]) => {
        started.push(i);
        most = Math.max(most, ++inFlight);
        for (let k = 0; k < d; k++) await Promise.resolve();
        inFlight--;
        done.add(i);
      });
      assert.deepEqual(started, delays.map((_, i) => i));
      assert.equal(done.size, delays.length);
      assert.ok(most <= limit, `${most} in flight, limit ${limit}`);
      if (delays.length >= limit && delays.every((d) => d > 0)) assert.equal(most, limit, 'the limit is used');
    }),
  );
});

test('eachLimited rejects with the first error', async () => {
  await assert.rejects(
    eachLimited([1, 2, 3, 4], 2, async (x) => {
      if (x === 3) throw new Error('three');
    }),
    /three/,
  );
});
