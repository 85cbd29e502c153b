import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { ManualClock, sleepUnless } from '../../src/util/clock.js';

test('waits that end on their timer leave no abort listener behind on the signal', async () => {
  const clock = new ManualClock();
  const ac = new AbortController();
  for (let i = 0; i < 50; i++) {
    const done = sleepUnless(clock, 1000, ac.signal);
    clock.advance(1000);
    await done;
  }
  assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
});

test('an abort ends every wait at once and cancels its timer', async () => {
  const clock = new ManualClock();
  const ac = new AbortController();
  const waits = [sleepUnless(clock, 5000, ac.signal), sleepUnless(clock, 9000, ac.signal)];
  assert.equal(clock.pending, 2);
  ac.abort();
  await Promise.all(waits);
  assert.equal(clock.pending, 0);
  await sleepUnless(clock, 5000, ac.signal); // already aborted: returns at once
  assert.equal(clock.pending, 0);
});
