import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeControls, shouldEscape } from '../../src/util/control.js';
import { formatConsole } from '../../src/sinks/console.js';

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
const hostile = fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)), fc.constantFrom('\x1b[2J', '\x1b]52;c;aGk=\x07', '\x9b31m', 'é', '→', '\\')), maxLength: 60 });

/** Reverses escapeControls where the input had no `\` (the escaper leaves backslashes alone). */
const unescape = (s: string) => s.replace(/\\(n|r|x[0-9a-f]{2})/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : String.fromCharCode(parseInt(c.slice(1), 16))));

test('property: escaped text holds no control character but tab, whatever the input', () => {
  fc.assert(fc.property(hostile, (s) => assert.ok(!CONTROL.test(escapeControls(s)), JSON.stringify(escapeControls(s)))));
});

test('property: text without control characters is unchanged; tab is kept', () => {
  fc.assert(fc.property(fc.string(), (s) => fc.pre(!CONTROL.test(s)) ?? assert.equal(escapeControls(s), s)));
  assert.equal(escapeControls('a\tb'), 'a\tb');
});

test('property: nothing is lost — without backslashes in the input, unescaping gives it back', () => {
  fc.assert(fc.property(hostile, (s) => fc.pre(!s.includes('\\')) ?? assert.equal(unescape(escapeControls(s)), s)));
});

test('escape sequences are shown as text', () => {
  assert.equal(escapeControls('\x1b[2Jgone'), '\\x1b[2Jgone');
  assert.equal(escapeControls('\x1b]52;c;aGk=\x07'), '\\x1b]52;c;aGk=\\x07');
  assert.equal(escapeControls('\x9b2J'), '\\x9b2J');
  assert.equal(escapeControls('a\r\nb\0'), 'a\\r\\nb\\x00');
});

test('console escape: always, never, or auto (only on a terminal); json untouched', () => {
  assert.equal(shouldEscape('always', {}), true);
  assert.equal(shouldEscape('never', { isTTY: true }), false);
  assert.equal(shouldEscape('auto', { isTTY: true }), true);
  assert.equal(shouldEscape('auto', {}), false);
  const rec = { line: '\x1b[2Jx', source: 'stdout', container: { id: 'i', name: 'n\x1b', image: 'm', labels: {}, hostname: 'h' }, host: 'h', tags: [], time: '2026-01-01T00:00:00Z' } as never;
  assert.equal(formatConsole(rec, 'text'), 'n\\x1b stdout | \\x1b[2Jx');
  assert.equal(formatConsole(rec, 'text', false), 'n\x1b stdout | \x1b[2Jx');
  assert.match(formatConsole(rec, 'json'), /"line":"\\u001b\[2Jx"/);
});
