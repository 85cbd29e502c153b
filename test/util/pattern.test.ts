import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePattern, isRegexPattern } from '../../src/util/pattern.js';
import { RegexError } from '../../src/util/regex.js';

test('globs, exact values and /regex/', () => {
  assert.ok(compilePattern('api-*').test('api-1'));
  assert.ok(!compilePattern('api-*').test('xapi-1'));
  assert.ok(compilePattern('w?').test('w1'));
  assert.ok(!compilePattern('w?').test('w12'));
  assert.ok(compilePattern('*').test(''));
  assert.ok(compilePattern('a.b').test('a.b'));
  assert.ok(!compilePattern('a.b').test('axb'));
  assert.ok(compilePattern('/^worker-\\d+$/').test('worker-12'));
  assert.ok(compilePattern('/ERROR/i').test('an error'));
  assert.ok(isRegexPattern('/x/') && !isRegexPattern('x/'));
  assert.throws(() => compilePattern('/(/'), RegexError);
});

test('property: a pattern without wildcards matches exactly itself', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '.', '+', '(', ')', '[', '$', '^', '|', '\\', '{', '-') });
  fc.assert(
    fc.property(text, text, (p, v) => {
      fc.pre(!isRegexPattern(p));
      assert.equal(compilePattern(p).test(v), p === v);
    }),
  );
});

test('property: "*" stands for any run of characters, "?" for exactly one', () => {
  const part = fc.string({ unit: fc.constantFrom('a', 'b', '.', '(', '\\', '/') });
  fc.assert(
    fc.property(part, part, part, (pre, mid, post) => {
      fc.pre(!isRegexPattern(`${pre}*${post}`));
      assert.ok(compilePattern(`${pre}*${post}`).test(pre + mid + post));
      assert.equal(compilePattern(`${pre}?${post}`).test(pre + mid + post), mid.length === 1);
    }),
  );
});
