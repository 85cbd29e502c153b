/**
 * The HTTP client requires two files of undici, not its index (src/sinks/http-client.ts): they must
 * stay the Pool class and the `request` call that undici's index exports, or an upgrade of undici
 * that moves them would break every HTTP and Mezmo route.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { undiciParts } from '../../src/sinks/http-client.js';

test("the HTTP client's undici files are the Pool and the request that undici's index exports", () => {
  const parts = undiciParts();
  const undici = createRequire(import.meta.url)('undici') as typeof import('undici');
  assert.equal(parts.Pool, undici.Pool);
  assert.equal(parts.request, undici.Dispatcher.prototype.request);
});
