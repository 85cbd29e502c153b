/**
 * Issue 17: every user pattern runs in time linear in the line. The classic catastrophic patterns are
 * run (through every compile path config and labels use) against 64 KiB lines built to make a
 * backtracking engine explode; V8 alone would not finish these tests in any lifetime, so the test
 * completing, with the right answers, is the proof. The fast path (V8 for provably linear patterns)
 * is checked to agree with RE2 on random patterns and lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { compileRegex, provablyLinear, RegexError } from '../../src/util/regex.js';
import { compileLineFilter, compilePattern } from '../../src/util/pattern.js';

const KIB64 = 64 * 1024;
/** [pattern, bait line, does it match] — each bait is built so a backtracking engine tries every split. */
// `(a+)+$` needs a run of `a` that ends the line: false. `(a|a)*$` and `(\w+\s?)*$` match the empty
// string at the end of the line: true.
const CLASSIC: [string, string, boolean][] = [
  ['(a+)+$', 'a'.repeat(KIB64) + '!', false],
  ['(a|a)*$', 'a'.repeat(KIB64) + '!', true],
  ['(.*a){20}', 'a'.repeat(19) + 'b'.repeat(KIB64), false],
  ['(\\w+\\s?)*$', 'word '.repeat(KIB64 / 5) + '!', true],
];

test('the classic super-linear patterns run in linear time on 64 KiB bait lines, in every place a pattern is compiled', () => {
  for (const [p, line, want] of CLASSIC) {
    const compiled = [compileRegex(p), compilePattern(`/${p}/i`), compileLineFilter(`/${p}/s`)];
    for (const c of compiled) {
      assert.equal(c.test(line), want, `${c.source} on the bait line`);
      assert.equal(c.test(line.slice(0, 16)), new RegExp(p, 's').test(line.slice(0, 16)), `${c.source} agrees with V8 on a short line (V8 is fast enough there)`);
    }
    assert.equal(compileRegex(p).engine, 're2', `${p} must not run on the backtracking engine`);
  }
});

test('globs run in linear time too (a container name or label value is hostile input)', () => {
  const glob = compilePattern('*a*a*a*a*a*a*a*b');
  assert.equal(glob.test('a'.repeat(KIB64)), false);
  assert.equal(glob.test('a'.repeat(KIB64) + 'b'), true);
});

test('what cannot run in linear time is refused with the reason', () => {
  const cases: [string, RegExp][] = [
    ['^(?=v2)', /lookahead and lookbehind cannot run in linear time/],
    ['(?!x)y', /lookahead and lookbehind/],
    ['(?<=pay)ments', /lookahead and lookbehind/],
    ['(\\w)\\1', /backreferences cannot run in linear time/],
    ['(?<n>x)\\k<n>', /backreferences/],
    ['a{1001}', /repeat counts go up to 1000/],
    ['\\u00e9', /write a code point as \\x\{00e9\}/],
    ['(', /missing closing \)/],
  ];
  for (const [p, why] of cases) assert.throws(() => compileRegex(p), (e: unknown) => e instanceof RegexError && why.test(e.message), p);
  assert.throws(() => compileRegex('x', 'g'), /invalid flags "g"/);
  assert.throws(() => compileRegex('x', 'ii'), /invalid flags/);
});

test('RE2 syntax users write: classes, named groups, \\x{…}, flags', () => {
  assert.ok(compileRegex('^\\d{4}-\\d{2}-\\d{2}T').test('2026-12-02T01:00:00Z x'));
  assert.ok(compileRegex('(?P<lvl>WARN|ERROR):').test('x ERROR: y'));
  assert.ok(compileRegex('(?<lvl>WARN|ERROR):').test('x WARN: y'));
  assert.ok(compileRegex('caf\\x{e9}').test('un café'));
  assert.ok(compileRegex('[[:upper:]]{3}').test('abcDEF'));
  assert.ok(compileRegex('\\p{Greek}').test('αβ'));
  assert.ok(compileRegex('error', 'i').test('ERROR'));
  assert.ok(compileRegex('^b', 'm').test('a\nb'));
  assert.ok(!compileRegex('^b').test('a\nb'));
  assert.ok(compileRegex('a.b', 's').test('a\nb'));
  assert.ok(!compileRegex('a.b').test('a\nb'));
});

test('the fast path takes only quantifier-free shapes both engines read alike', () => {
  for (const p of ['ERROR|WARN', 'healthcheck', '^\\d{4}-\\d{2}-\\d{2}', '^(GET|POST) /api/', '\\[(error|warn)\\]', 'a[0-9_-]b$', '(?:ab|cd){3}'])
    assert.ok(provablyLinear(p, ''), p);
  for (const p of ['a+', 'a*', 'a?', 'a{2,3}', 'a.b', '\\s', '(a|a){20}', '(?=a)', '[[:alpha:]]', '\\1', 'x{1001}', '(a|b|c|d|e|f|g|h){3}'])
    assert.ok(!provablyLinear(p, ''), p);
  assert.ok(!provablyLinear('^a', 'm'));
  assert.ok(!provablyLinear('kelvin', 'i'));
  assert.equal(compileRegex('ERROR|WARN').engine, 'v8');
  assert.equal(compileRegex('ERROR|WARN+').engine, 're2');
});

test('property: where the fast path is taken, V8 and RE2 give the same answer for any line', () => {
  const atom = fc.constantFrom('a', 'b', 'A', '-', '\\d', '\\w', '\\W', '\\D', '\\b', '[ab]', '[^a]', '[a-c0-9]', '\\.', '\\(', '^', '$', 'é', ' ');
  const regex: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; item: string }>((tie) => ({
    alt: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('|')),
    seq: fc.array(tie('item'), { minLength: 0, maxLength: 4 }).map((xs) => xs.join('')),
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('alt'), fc.constantFrom('', '{2}', '{0}')).map(([a, q]) => `(${a})${q}`),
      fc.tuple(tie('alt'), fc.constantFrom('', '{3}')).map(([a, q]) => `(?:${a})${q}`),
    ),
  })).alt;
  const line = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'c', '1', '-', '.', '(', ' ', '\n', 'é', '_'), maxLength: 30 });
  fc.assert(
    fc.property(regex, fc.constantFrom('', 'i', 's'), fc.array(line, { minLength: 1, maxLength: 8 }), (p, flags, lines) => {
      let c;
      try {
        c = compileRegex(p, flags);
      } catch (err) {
        assert.ok(err instanceof RegexError);
        return; // e.g. RE2's limit on nested repeat counts: refused, nothing to compare
      }
      fc.pre(c.engine === 'v8');
      const bits = (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0);
      const re2 = RE2JS.compile(p, bits);
      for (const l of lines) assert.equal(c.test(l), re2.test(l), `/${p}/${flags} on ${JSON.stringify(l)}`);
    }),
    { numRuns: 200 },
  );
});

test('property: any pattern either compiles or is refused with a RegexError, never another exception', () => {
  const text = fc.string({ unit: fc.constantFrom('a', '(', ')', '[', ']', '{', '}', '1', ',', '*', '+', '?', '|', '\\', '^', '$', '.', '<', '=', '!', 'k', 'P', ':'), maxLength: 16 });
  fc.assert(
    fc.property(text, (p) => {
      try {
        const c = compileRegex(p);
        c.test('aa(1)');
      } catch (err) {
        assert.ok(err instanceof RegexError, `${p}: ${String(err)}`);
      }
    }),
    { numRuns: 3000 },
  );
});
