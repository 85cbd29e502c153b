import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareDockerTime, formatDockerTime, isoUtc, isDockerTime, parseDockerTime, dockerTimeToMs, msToDockerTime, shiftDockerTime, toSince } from '../../src/delivery/time.js';

test('compareDockerTime orders canonical and non-canonical forms by instant', () => {
  const a = '2026-11-24T07:49:40.934944106Z';
  assert.equal(compareDockerTime(a, a), 0);
  assert.equal(compareDockerTime(a, '2026-11-24T07:49:40.934944107Z'), -1);
  assert.equal(compareDockerTime('2026-11-24T07:49:41.000000000Z', a), 1);
  // Shorter fractions, no fraction, offsets: compared as instants, not as text.
  assert.equal(compareDockerTime('2026-11-24T07:49:40.9Z', '2026-11-24T07:49:40.900000000Z'), 0);
  assert.equal(compareDockerTime('2026-11-24T07:49:40.9Z', '2026-11-24T07:49:40.10Z'), 1); // text order would say -1
  assert.equal(compareDockerTime('2026-11-24T07:49:40Z', '2026-11-24T07:49:40.000000001Z'), -1);
  assert.equal(compareDockerTime('2026-11-24T08:49:40.5+01:00', '2026-11-24T07:49:40.500000000Z'), 0);
  assert.throws(() => compareDockerTime('yesterday', a));
});

test('toSince gives <unix seconds>.<9-digit ns>; dockerTimeToMs truncates to ms', () => {
  const t = '2026-11-24T07:49:40.034944106Z';
  const sec = Date.UTC(2026, 10, 24, 7, 49, 40) / 1000;
  assert.equal(toSince(t), `${sec}.034944106`);
  assert.equal(toSince('2026-11-24T07:49:40Z'), `${sec}.000000000`);
  assert.equal(dockerTimeToMs(t), sec * 1000 + 34);
});

test('shiftDockerTime moves across second boundaries both ways', () => {
  assert.equal(shiftDockerTime('2026-01-01T00:00:00.250000001Z', -1000), '2025-12-31T23:59:59.250000001Z');
  assert.equal(shiftDockerTime('2026-01-01T00:00:00.250000001Z', -251), '2025-12-31T23:59:59.999000001Z');
  assert.equal(shiftDockerTime('2026-01-01T00:00:00.999000000Z', 1), '2026-01-01T00:00:01.000000000Z');
});

test('property: canonical text order = instant order; format/parse round-trip', () => {
  const instant = fc.record({ sec: fc.integer({ min: 0, max: 4_000_000_000 }), nsec: fc.integer({ min: 0, max: 999_999_999 }) });
  fc.assert(
    fc.property(instant, instant, (x, y) => {
      const a = formatDockerTime(x);
      const b = formatDockerTime(y);
      assert.deepEqual({ ...parseDockerTime(a) }, { ...x });
      const byInstant = x.sec !== y.sec ? Math.sign(x.sec - y.sec) : Math.sign(x.nsec - y.nsec);
      assert.equal(compareDockerTime(a, b), byInstant);
      // The slow path (a trimmed fraction) agrees with the fast one.
      const trimmed = a.replace(/0+Z$/, 'Z').replace(/\.Z$/, 'Z');
      assert.equal(compareDockerTime(trimmed, b), byInstant);
    }),
  );
});

test('property: msToDockerTime gives the canonical form of that millisecond, read back exactly', () => {
  assert.equal(msToDockerTime(Date.parse('2026-12-02T07:30:00.123Z')), '2026-12-02T07:30:00.123000000Z');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      const t = msToDockerTime(ms);
      assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      assert.equal(dockerTimeToMs(t), ms);
    }),
  );
});

test('isoUtc is Date#toISOString for any instant, valid or not', () => {
  // Years 0-9999 take the UTC getters; the rest (and NaN) fall back to toISOString itself.
  const MIN = Date.UTC(0, 0, 1) - 86_400_000 * 400;
  const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 86_400_000 * 400;
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: MIN, max: MAX }), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constantFrom(0, -1, Date.UTC(0, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999))), (ms) => {
      assert.equal(isoUtc(ms), new Date(ms).toISOString());
    }),
    { numRuns: 2000 },
  );
  assert.throws(() => isoUtc(NaN), RangeError);
});

test('property: isDockerTime(s) holds exactly when dockerTimeToMs(s) is a number, for valid, mutated and arbitrary strings', () => {
  const valid = fc.constantFrom<string>('2024-05-06T07:08:09.123456789Z', '2024-05-06T07:08:09Z', '2024-05-06t07:08:09.1+01:00', '2024-05-06T07:08:09.-01:30', '9999-99-99T99:99:99.Z', '0000-00-00T00:00:00z');
  // One character replaced (by a separator, digit, letter or other), a cut, or something appended.
  const edit = fc.record({ at: fc.nat(40), ch: fc.constantFrom('0', '9', '-', ':', '.', 'T', 't', 'Z', 'z', '+', ' ', 'a', '/', 'é', '\u0660'), kind: fc.constantFrom('replace', 'cut', 'insert', 'append') });
  const mutated = fc.tuple(valid, fc.array(edit, { maxLength: 3 })).map(([t, edits]) => {
    for (const e of edits) {
      const i = Math.min(e.at, t.length);
      if (e.kind === 'replace') t = t.slice(0, i) + e.ch + t.slice(i + 1);
      else if (e.kind === 'cut') t = t.slice(0, i);
      else if (e.kind === 'insert') t = t.slice(0, i) + e.ch + t.slice(i);
      else t += e.ch;
    }
    return t;
  });
  let valids = 0;
  fc.assert(
    fc.property(fc.oneof(valid, mutated, fc.string({ maxLength: 40 })), (s) => {
      const want = !Number.isNaN(dockerTimeToMs(s));
      if (want) valids++;
      assert.equal(isDockerTime(s), want, JSON.stringify(s));
    }),
    { numRuns: 5000 },
  );
  assert.ok(valids > 500, `the generator must reach valid times too (${valids})`);
});
