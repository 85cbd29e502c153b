import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../src/config/units.js';

test('durations and sizes parse', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseSize('512KiB'), 524_288);
  assert.equal(parseSize('8MiB'), 8 * 1024 * 1024);
  assert.equal(parseSize('1GB'), 1e9);
  assert.equal(parseSize(4096), 4096);
  assert.equal(parseSize('10B'), 10);
  for (const bad of ['1', '1.5s', '1 s', 's', '-1s', '1d']) assert.throws(() => parseDuration(bad), RangeError, bad);
  for (const bad of ['1.5MiB', 'KiB', '1 MiB', '1kb']) assert.throws(() => parseSize(bad), RangeError, bad);
});

test('property: durations round-trip (format → parse)', () => {
  fc.assert(fc.property(fc.nat({ max: 2 ** 40 }), (ms) => assert.equal(parseDuration(formatDuration(ms)), ms)));
  fc.assert(
    fc.property(fc.nat({ max: 10_000 }), fc.constantFrom('ms', 's', 'm', 'h'), (n, u) => {
      const ms = parseDuration(`${n}${u}`);
      assert.equal(parseDuration(formatDuration(ms)), ms);
    }),
  );
});

test('property: sizes round-trip (format → parse)', () => {
  fc.assert(fc.property(fc.nat({ max: 2 ** 45 }), (b) => assert.equal(parseSize(formatSize(b)), b)));
  fc.assert(
    fc.property(fc.nat({ max: 100_000 }), fc.constantFrom('', 'B', 'KiB', 'MiB', 'GiB', 'KB', 'MB', 'GB'), (n, u) => {
      const b = parseSize(`${n}${u}`);
      assert.equal(parseSize(formatSize(b)), b);
    }),
  );
});
