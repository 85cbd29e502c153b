/** The raw sink over tcp, tls and udp: one line per record, templates, escaping, reconnects. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate } from '../../src/routing/template.js';
import { createRawSink } from '../../src/sinks/raw.js';
import { makeRecord, numberedRecords } from '../helpers/records.js';
import { testPki } from '../helpers/tls.js';
import { rawDest } from './dests.js';
import { StreamCapture, UdpCapture, parseNewlineFrames } from './net-capture.js';

const signal = new AbortController().signal;
let tcp: StreamCapture;
let tlsCap: StreamCapture;
let udp: UdpCapture;
before(async () => {
  const pki = testPki();
  tcp = await StreamCapture.start();
  tlsCap = await StreamCapture.start({ cert: pki.cert, key: pki.key });
  udp = await UdpCapture.start();
});
after(async () => {
  await Promise.all([tcp.close(), tlsCap.close(), udp.close()]);
});

const lines = ['plain', 'with\nnewline and \\ backslash', 'nul\0 and \r cr', 'ünï ✓'];

test('tcp: one newline-terminated line per record, embedded newlines escaped', async () => {
  const sink = createRawSink(rawDest(`tcp://127.0.0.1:${tcp.port}`));
  assert.deepEqual(await sink.send(lines.map((line) => makeRecord({ line })), signal), { kind: 'ok' });
  await sink.close();
  const got = parseNewlineFrames(await tcp.waitFor((b) => b.toString().split('\n').length > lines.length));
  assert.deepEqual(
    got.map((b) => b.toString('utf8')),
    ['plain', 'with\\nnewline and \\\\ backslash', 'nul\\0 and \\r cr', 'ünï ✓'],
  );
});

test('tls: verified against the test CA; template renders fields and the line', async () => {
  const pki = testPki();
  const tpl = compileTemplate('{{ container.name }} {{ source }} {{ line }}');
  const sink = createRawSink(rawDest(`tls://localhost:${tlsCap.port}`, { template: tpl, tls: { ca: pki.ca, insecureSkipVerify: false } }));
  assert.equal((await sink.send(numberedRecords(3, 'n', { source: 'stderr' }), signal)).kind, 'ok');
  await sink.close();
  const got = parseNewlineFrames(await tlsCap.waitFor((b) => b.toString().split('\n').length > 3));
  assert.deepEqual(got.map(String), ['web-1 stderr n0', 'web-1 stderr n1', 'web-1 stderr n2']);
});

test('tls: an unknown CA fails verification (retryable), insecure_skip_verify connects anyway', async () => {
  const pki = testPki();
  const bad = createRawSink(rawDest(`tls://127.0.0.1:${tlsCap.port}`, { tls: { ca: pki.otherCa, insecureSkipVerify: false } }));
  const r = await bad.send([makeRecord()], signal);
  await bad.close();
  assert.equal(r.kind, 'retryable');
  const skip = createRawSink(rawDest(`tls://127.0.0.1:${tlsCap.port}`, { tls: { insecureSkipVerify: true } }));
  assert.equal((await skip.send([makeRecord({ line: 'insecure ok' })], signal)).kind, 'ok');
  await skip.close();
  await tlsCap.waitFor((b) => b.includes('insecure ok'));
  assert.ok(tlsCap.bytes.includes('insecure ok\n'));
});

test('udp: one datagram per record, no newline, cut at max_udp_bytes', async () => {
  const sink = createRawSink(rawDest(`udp://127.0.0.1:${udp.port}`, { maxUdpBytes: 100 }));
  const batch = [makeRecord({ line: 'one' }), makeRecord({ line: 'two\nlines' }), makeRecord({ line: '€'.repeat(50) })];
  assert.equal((await sink.send(batch, signal)).kind, 'ok');
  await sink.close();
  const got = await udp.waitFor(3);
  assert.deepEqual(got.slice(0, 2).map(String), ['one', 'two\\nlines']);
  assert.equal(got[2]!.length, 99); // 33 whole 3-byte characters
  assert.equal(got[2]!.toString('utf8'), '€'.repeat(33));
});

test('tcp: a peer that went away is noticed; the next send reconnects', async () => {
  const peer = await StreamCapture.start();
  const sink = createRawSink(rawDest(`tcp://127.0.0.1:${peer.port}`));
  assert.equal((await sink.send([makeRecord({ line: 'before' })], signal)).kind, 'ok');
  const port = peer.port;
  await peer.close();
  const down = await sink.send([makeRecord({ line: 'lost?' })], signal);
  assert.equal(down.kind, 'retryable');
  // A new listener on the same port: the re-send goes through.
  const again = await StreamCapture.startOn(port);
  assert.equal((await sink.send([makeRecord({ line: 'after' })], signal)).kind, 'ok');
  await sink.close();
  assert.equal((await again.waitFor((b) => b.includes('after\n'))).toString(), 'after\n');
  await again.close();
});
