import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePattern, isRegexPattern } from '../../src/util/pattern.js';
import { RegexError } from '../../src/util/regex.js';
import { RE2JS } from 're2js';

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

test('property: a glob matches what its anchored RE2 regex matched (the engine globs ran on before)', () => {
  // The regex compilePattern built for a glob until globs got their own matcher: `*` = `.*`, `?` = `.`,
  // everything else literal, anchored, `.` matching newlines too. Surrogate pairs are one code point
  // to both.
  const asRegex = (glob: string) => RE2JS.compile('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', RE2JS.DOTALL);
  const glob = fc.string({ unit: fc.constantFrom('a', 'b', '*', '*', '?', '.', '\n', '😀', '(', '\\'), maxLength: 12 });
  const value = fc.string({ unit: fc.constantFrom('a', 'b', '.', '\n', '😀', '(', '\\'), maxLength: 16 });
  fc.assert(
    fc.property(glob, value, (g, v) => {
      fc.pre(!isRegexPattern(g) && /[*?]/.test(g) && g !== '*');
      assert.equal(compilePattern(g).test(v), asRegex(g).test(v), `${JSON.stringify(g)} on ${JSON.stringify(v)}`);
    }),
    { numRuns: 3000 },
  );
});

test('a glob over a long hostile value: right answers, no backtracking blow-up (the timeout guards a hang)', { timeout: 30_000 }, () => {
  // A backtracking engine tries every split of the value between the stars: 64 Ki^8 here.
  const value = 'a'.repeat(64 * 1024);
  assert.equal(compilePattern('*a*a*a*a*a*a*a*a*b').test(value), false);
  assert.equal(compilePattern('a*a?a*').test(value), true);
  assert.equal(compilePattern('*?').test('😀'), true, 'one code point');
  assert.equal(compilePattern('??').test('😀'), false);
});
