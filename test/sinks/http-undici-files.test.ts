/**
 * sluice requires undici's files, not its index (src/util/undici.ts): they must stay the classes and
 * the `request` call that undici's index exports, or an upgrade of undici that moves them would break
 * every HTTP and Mezmo route and the pod log source's API client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { undiciAgent, undiciPool, undiciRequest } from '../../src/util/undici.js';

test("sluice's undici files are the Pool, Agent and request that undici's index exports", () => {
  const undici = createRequire(import.meta.url)('undici') as typeof import('undici');
  assert.equal(undiciPool(), undici.Pool);
  assert.equal(undiciAgent(), undici.Agent);
  assert.equal(undiciRequest(), undici.Dispatcher.prototype.request);
});
