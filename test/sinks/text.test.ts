import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeLine } from '../../src/sinks/text.js';
import { cutUtf8, cutUtf8Buffer } from '../../src/util/utf8.js';
import { dockerTimeToMs } from '../../src/delivery/time.js';
import { unescapeLine } from './net-capture.js';

test('dockerTimeToMs keeps milliseconds from a nanosecond timestamp, truncating (never rounding up)', () => {
  assert.equal(dockerTimeToMs('2024-05-06T07:08:09.123456789Z'), Date.UTC(2024, 4, 6, 7, 8, 9, 123));
  assert.equal(dockerTimeToMs('2024-05-06T07:08:09.999999999Z'), Date.UTC(2024, 4, 6, 7, 8, 9, 999));
  assert.equal(dockerTimeToMs('2024-05-06T07:08:09Z'), Date.UTC(2024, 4, 6, 7, 8, 9));
  assert.equal(dockerTimeToMs('2024-05-06T07:08:09.5+02:00'), Date.UTC(2024, 4, 6, 5, 8, 9, 500));
  assert.ok(Number.isNaN(dockerTimeToMs('yesterday')));
  assert.ok(Number.isNaN(dockerTimeToMs('2024-05-06T07:08:09.123Zjunk')));
});

test('dockerTimeToMs agrees with Date.parse on millisecond timestamps', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 999_999 }), (d, extra) => {
      const iso = d.toISOString(); // …sss Z
      const nano = `${iso.slice(0, 23)}${String(extra).padStart(6, '0')}Z`;
      assert.equal(dockerTimeToMs(nano), d.getTime());
    }),
  );
});

test('cutUtf8 never splits a character and never exceeds the limit', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 0, max: 64 }), (s, max) => {
      const cut = cutUtf8(s, max);
      const bytes = Buffer.byteLength(cut, 'utf8');
      assert.ok(bytes <= Math.max(max, 0));
      assert.ok(s.startsWith(cut) || Buffer.from(s).subarray(0, bytes).equals(Buffer.from(cut)));
      const b = cutUtf8Buffer(Buffer.from(s, 'utf8'), max);
      assert.equal(b.toString('utf8'), Buffer.from(b.toString('utf8'), 'utf8').toString('utf8'));
      assert.ok(!b.toString('utf8').includes('\ufffd') || s.includes('\ufffd'));
    }),
  );
  assert.equal(cutUtf8('aé€', 3), 'aé');
  assert.equal(cutUtf8('aé€', 5), 'aé');
  assert.equal(cutUtf8('aé€', 6), 'aé€');
});

test('escapeLine keeps one record on one line and is reversible when it escaped anything', () => {
  assert.equal(escapeLine('plain \\ line'), 'plain \\ line');
  assert.equal(escapeLine('a\nb\r\0c\\d'), 'a\\nb\\r\\0c\\\\d');
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const e = escapeLine(s);
      assert.ok(!e.includes('\n') && !e.includes('\r') && !e.includes('\0'));
      if (/[\n\r\0]/.test(s)) assert.equal(unescapeLine(e), s);
      else assert.equal(e, s);
    }),
  );
});
