import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTemplate } from '../../src/routing/template.js';
import { SyslogFormatter, frameNewline, frameOctetCounted, headerField, rfc3164Time, rfc5424Time, sdValue, tagField } from '../../src/sinks/syslog-format.js';
import { makeRecord, TEST_CONTAINER } from '../helpers/records.js';
import { BodyWriter } from '../../src/sinks/body.js';
import { NO_TAGS } from '../../src/core/record.js';
import { parseNewlineFrames, parseOctetFrames, unescapeLine } from './net-capture.js';

const base = { format: 'rfc5424', facility: 16, severityStdout: 6, severityStderr: 3, structuredData: true, escapeNewlines: false } as const;

test('RFC 5424 message: header fields, microsecond timestamp, structured data', () => {
  const f = new SyslogFormatter(base);
  const msg = f.format(makeRecord({ line: 'hello', source: 'stderr' }));
  assert.equal(
    msg,
    `<131>1 2024-05-06T07:08:09.123456Z node-a web-1 4f66ad9a0b2e - [sluice@32473 container_id="${TEST_CONTAINER.id}" container_name="web-1" image="example/web:1.2" source="stderr"] hello`,
  );
  const out = f.format(makeRecord({ line: 'x', truncated: true, container: { compose: { project: 'shop', service: 'api' } } }));
  assert.match(out, /^<134>1 /);
  assert.match(out, / compose_project="shop" compose_service="api" source="stdout" truncated="true"\] x$/);
});

test('RFC 5424 without structured data, with templates', () => {
  const f = new SyslogFormatter({ ...base, structuredData: false, appName: compileTemplate('{{ container.labels.team }}'), hostname: compileTemplate('h-{{ container.name }}') });
  assert.equal(f.format(makeRecord({ line: 'm' })), '<134>1 2024-05-06T07:08:09.123456Z h-web-1 payments 4f66ad9a0b2e - - m');
});

test('timestamps: cut to 6 fractional digits; 3164 day space-padded', () => {
  assert.equal(rfc5424Time('2024-05-06T07:08:09.123456789Z'), '2024-05-06T07:08:09.123456Z');
  assert.equal(rfc5424Time('2024-05-06T07:08:09.12Z'), '2024-05-06T07:08:09.12Z');
  assert.equal(rfc5424Time('2024-05-06T07:08:09Z'), '2024-05-06T07:08:09Z');
  assert.equal(rfc5424Time('2024-05-06T07:08:09.123456789+01:00'), '2024-05-06T07:08:09.123456+01:00');
  assert.equal(rfc5424Time('garbage'), '-');
  assert.equal(rfc3164Time('2024-05-06T07:08:09.1Z'), 'May  6 07:08:09');
  assert.equal(rfc3164Time('2024-12-16T23:08:09.1Z'), 'Dec 16 23:08:09');
});

test('header fields: printable ASCII, length limits, nil value', () => {
  assert.equal(headerField('', 48), '-');
  assert.equal(headerField('ok-name', 48), 'ok-name');
  assert.equal(headerField('a b\tcé', 48), 'a_b_c_');
  assert.equal(headerField('x'.repeat(60), 48), 'x'.repeat(48));
  assert.equal(tagField('my app/1:x' + 'y'.repeat(40)).length, 32);
  assert.equal(tagField('my app/1'), 'myapp1');
  assert.equal(tagField('+++'), 'sluice');
  assert.equal(sdValue('a"b\\c]d\ne'), 'a\\"b\\\\c\\]d e');
});

test('RFC 3164 message and its 1024-byte limit', () => {
  const f = new SyslogFormatter({ ...base, format: 'rfc3164' });
  assert.equal(f.format(makeRecord({ line: 'hi' })), '<134>May  6 07:08:09 node-a web-1: hi');
  const long = f.format(makeRecord({ line: 'é'.repeat(2000) }));
  assert.ok(Buffer.byteLength(long) <= 1024 && Buffer.byteLength(long) >= 1022);
  assert.ok(!long.includes('\ufffd'));
});

const anyLine = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('\n', '\r', '\0', '\\', 'a', 'é', '\u0001', '\u007f', ' ', ']', '"') }));

test('property: an octet-counted frame parses back to exactly one message, for any line', () => {
  const f = new SyslogFormatter(base);
  fc.assert(
    fc.property(anyLine, anyLine, (a, b) => {
      const ra = makeRecord({ line: a });
      const rb = makeRecord({ line: b });
      const stream = Buffer.from(frameOctetCounted(f.format(ra)) + frameOctetCounted(f.format(rb)), 'utf8');
      const msgs = parseOctetFrames(stream);
      assert.equal(msgs.length, 2);
      assert.equal(msgs[0]!.toString('utf8'), f.format(ra));
      assert.ok(msgs[1]!.toString('utf8').endsWith(' ' + b));
    }),
  );
});

test('property: a newline frame is exactly one line and gives the line back, for any line', () => {
  const f = new SyslogFormatter({ ...base, escapeNewlines: true });
  fc.assert(
    fc.property(anyLine, (line) => {
      const frame = frameNewline(f.format(makeRecord({ line })));
      const msgs = parseNewlineFrames(Buffer.from(frame + frame, 'utf8'));
      assert.equal(msgs.length, 2);
      assert.ok(!frame.includes('\0'));
      const text = msgs[0]!.toString('utf8');
      const body = text.slice(text.indexOf('] ') + 2);
      assert.equal(/[\n\r\0]/.test(line) ? unescapeLine(body) : body, line);
    }),
  );
});

test('property: frames written into a batch buffer are the bytes of framing format(r); the per-container header cache changes nothing', () => {
  const containers = [
    { ...TEST_CONTAINER },
    { ...TEST_CONTAINER, id: 'a'.repeat(64), name: 'dé"jà]vu', image: 'img', compose: { project: 'p', service: 's' } },
    { ...TEST_CONTAINER, id: 'b'.repeat(64), name: '', k8s: { namespace: 'ns', pod: 'pö d', container: 'c' } },
  ];
  const rec = fc.record({
    c: fc.integer({ min: 0, max: containers.length - 1 }),
    line: anyLine,
    source: fc.constantFrom('stdout' as const, 'stderr' as const),
    host: fc.constantFrom('node-a', 'node-b', 'hôte', ''),
    truncated: fc.boolean(),
    time: fc.constantFrom('2024-05-06T07:08:09.123456789Z', '2024-05-06T07:08:09Z', '2024-05-06T07:08:09.1+01:00', '2024-05-06T07:08:09.123456789-01:30', '2024-05-06T07:08:09.1234567z', 'garbage', 'gärbage 2024', ''),
  });
  const opts = fc.record({
    format: fc.constantFrom('rfc5424' as const, 'rfc3164' as const),
    structuredData: fc.boolean(),
    escapeNewlines: fc.boolean(),
    templates: fc.boolean(),
  });
  fc.assert(
    fc.property(opts, fc.array(rec, { minLength: 1, maxLength: 12 }), (o, rs) => {
      const fo = {
        ...base,
        format: o.format,
        structuredData: o.structuredData,
        escapeNewlines: o.escapeNewlines,
        ...(o.templates ? { appName: compileTemplate('{{ container.name }}-{{ source }}'), hostname: compileTemplate('{{ host }}.x') } : {}),
      };
      // One formatter for the whole sequence (its cache sees the same containers again, under other
      // hosts and streams), against a fresh one per record.
      const kept = new SyslogFormatter(fo);
      const octets = new BodyWriter(16);
      const lines = new BodyWriter(16);
      let wantOctets = '';
      let wantLines = '';
      for (const x of rs) {
        // One tag list for all (as one route gives): the cache is keyed by its identity.
        const r = { ...makeRecord({ line: x.line, source: x.source, host: x.host, truncated: x.truncated, time: x.time, tags: NO_TAGS }), container: containers[x.c]! };
        const fresh = new SyslogFormatter(fo).format(r);
        assert.equal(kept.format(r), fresh);
        kept.writeOctetCounted(r, octets);
        kept.writeNewlineFramed(r, lines);
        wantOctets += frameOctetCounted(fresh);
        wantLines += frameNewline(fresh);
      }
      assert.equal(octets.finish().toString('utf8'), wantOctets);
      assert.equal(lines.finish().toString('utf8'), wantLines);
      assert.equal(octets.finish().length, Buffer.byteLength(wantOctets, 'utf8'));
    }),
    { numRuns: 500 },
  );
});
