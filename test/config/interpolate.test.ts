import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpolateString, parseInterpolation, trimOneNewline } from '../../src/config/interpolate.js';

const env = { A: 'alpha', EMPTY: '', N: '42' };

test('variables, defaults, escapes', () => {
  assert.deepEqual(interpolateString('x${A}y', env), { ok: true, value: 'xalphay' });
  assert.deepEqual(interpolateString('${MISSING:-dflt}', env), { ok: true, value: 'dflt' });
  assert.deepEqual(interpolateString('${EMPTY:-dflt}', env), { ok: true, value: 'dflt' });
  assert.deepEqual(interpolateString('${EMPTY}', env), { ok: true, value: '' });
  assert.deepEqual(interpolateString('${MISSING:-}', env), { ok: true, value: '' });
  assert.deepEqual(interpolateString('$${A} costs $5', env), { ok: true, value: '${A} costs $5' });
  assert.deepEqual(interpolateString('${X:-a$$b}', env), { ok: true, value: 'a$b' });
});

test('a missing variable without default is an error naming it', () => {
  const r = interpolateString('key ${NOPE} and ${ALSO_NOPE}', env);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0]!, /NOPE is not set/);
  assert.match(r.problems[1]!, /ALSO_NOPE is not set/);
});

test('malformed references are errors', () => {
  for (const bad of ['${A', '${}', '${1A}', '${A B}', '${A:-${B}}', '${file:}', '${file:${A}}']) {
    assert.equal(parseInterpolation(bad).ok, false, bad);
  }
});

test('${file:} contents come from the map', () => {
  const files = new Map([['/s', { ok: true as const, text: 'sekret' }]]);
  assert.deepEqual(interpolateString('Bearer ${file:/s}', env, files), { ok: true, value: 'Bearer sekret' });
  assert.equal(trimOneNewline('a\n\n'), 'a\n');
  assert.equal(trimOneNewline('a\r\n'), 'a');
});

test('property: interpolation never leaves "${" unexpanded', () => {
  const name = fc.constantFrom('A', 'N', 'EMPTY', 'MISSING', 'X_1');
  const lit = fc.string({ unit: fc.constantFrom('a', '$', '{', '}', ':', '-', ' ', 'z') }).filter((s) => !s.includes('$$') && !s.endsWith('$'));
  const piece = fc.oneof(
    lit,
    name.map((n) => `\${${n}}`),
    fc.tuple(name, fc.string({ unit: fc.constantFrom('d', 'e', ' ', ':') })).map(([n, d]) => `\${${n}:-${d}}`),
  );
  const envValue = fc.string({ unit: fc.constantFrom('v', '{', '}', ' ', 'w') });
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), envValue, (pieces, v) => {
      const text = pieces.join('');
      fc.pre(!text.includes('$$'));
      const r = interpolateString(text, { ...env, X_1: v });
      if (r.ok) assert.ok(!r.value.includes('${'), `${JSON.stringify(text)} → ${JSON.stringify(r.value)}`);
    }),
    { numRuns: 500 },
  );
});
