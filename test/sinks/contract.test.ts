/**
 * The contract every sink keeps (src/sinks/sink.ts), run against each destination type and
 * transport: close is idempotent and safe without a send; a send after close is permanent; an
 * aborted send resolves promptly; NUL, control bytes and newlines inside a line never break the
 * framing (the peer sees exactly one message per record, and the line comes back intact).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import type { LogRecord } from '../../src/core/record.js';
import { createConsoleSink } from '../../src/sinks/console.js';
import { createSink } from '../../src/sinks/index.js';
import type { Transport } from '../../src/sinks/net/transport.js';
import { createRawSink } from '../../src/sinks/raw.js';
import type { SendResult, Sink } from '../../src/sinks/sink.js';
import { createSyslogSink } from '../../src/sinks/syslog.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { HttpCapture } from '../helpers/http-capture.js';
import { MezmoServer } from '../helpers/mezmo-server.js';
import { makeRecord } from '../helpers/records.js';
import { testPki } from '../helpers/tls.js';
import { httpDest, mezmoDest, rawDest, syslogDest } from './dests.js';
import { BlackHole, StreamCapture, UdpCapture, parseNewlineFrames, parseOctetFrames, unescapeLine } from './net-capture.js';

const KEY = 'contract-key';
const TRICKY = ['plain', 'nul\0inside', 'ctl\u0001\u0007\u001b[0m\u007f', 'new\nline', 'cr\r\nlf', '\n', '', 'tail\\n', 'ünï ✓ 日本', '12 looks like a length', '"]\\'];

interface Peer {
  sink: Sink;
  /** The lines the peer recovered, one entry per message it received (undefined: not recoverable). */
  received(n: number): Promise<(string | undefined)[]>;
  close(): Promise<void>;
}

interface Case {
  name: string;
  /** The sink escapes LF/CR/NUL with backslashes (one-line framings): a line is exact only if it needed that. */
  escapes?: boolean;
  open(): Promise<Peer>;
  /** A sink whose send cannot complete (peer never reads or answers), and the cleanup. */
  stalled(): Promise<{ sink: Sink; batch: LogRecord[]; close(): Promise<void> }>;
}

const deps = { logger: silentLogger(), version: 'test' };
const pki = testPki();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(get: () => T[], n: number): Promise<T[]> {
  const deadline = Date.now() + 3000;
  while (get().length < n && Date.now() < deadline) await wait(10);
  return get();
}
const bigBatch = (): LogRecord[] => Array.from({ length: 600 }, () => makeRecord({ line: 'z'.repeat(16_000) }));

function streamCase(name: string, scheme: 'tcp' | 'tls', build: (url: string, tls: { ca?: string; insecureSkipVerify: boolean }) => Sink, decode: (b: Buffer) => (string | undefined)[]): Case {
  return {
    name,
    async open() {
      const cap = await StreamCapture.start(scheme === 'tls' ? { cert: pki.cert, key: pki.key } : undefined);
      const sink = build(`${scheme}://127.0.0.1:${cap.port}`, { ca: pki.ca, insecureSkipVerify: false });
      return {
        sink,
        async received(n) {
          const deadline = Date.now() + 3000;
          for (;;) {
            let got: (string | undefined)[] = [];
            try {
              got = decode(cap.bytes);
            } catch {
              // an incomplete frame: wait for more bytes
            }
            if (got.length >= n || Date.now() > deadline) return decode(cap.bytes);
            await wait(10);
          }
        },
        close: () => cap.close(),
      };
    },
    async stalled() {
      const bh = await BlackHole.start();
      const sink = build(`${scheme}://127.0.0.1:${bh.port}`, { insecureSkipVerify: true });
      return { sink, batch: bigBatch(), close: () => bh.close() };
    },
  };
}

function udpCase(name: string, build: (url: string) => Sink, decode: (d: Buffer) => string | undefined): Case {
  return {
    name,
    async open() {
      const cap = await UdpCapture.start();
      return { sink: build(`udp://127.0.0.1:${cap.port}`), received: async (n) => (await cap.waitFor(n)).map(decode), close: () => cap.close() };
    },
    async stalled() {
      const cap = await UdpCapture.start();
      return { sink: build(`udp://127.0.0.1:${cap.port}`), batch: bigBatch(), close: () => cap.close() };
    },
  };
}

const afterSd = (s: string) => s.slice(s.indexOf('"] ') + 3);
const octet5424 = (b: Buffer) => parseOctetFrames(b).map((m) => afterSd(m.toString('utf8')));
const newline5424 = (b: Buffer) => parseNewlineFrames(b).map((m) => unescapeLine(afterSd(m.toString('utf8'))));
const rawLines = (b: Buffer) => parseNewlineFrames(b).map((m) => unescapeLine(m.toString('utf8')));
const syslogUrl = (url: string, tls: { ca?: string; insecureSkipVerify: boolean }, framing: 'octet_counting' | 'newline' = 'octet_counting') =>
  createSink(syslogDest(url, { framing, tls, timeoutMs: 10_000 }), deps);

const escaping = (c: Case): Case => ({ ...c, escapes: true });

const CASES: Case[] = [
  streamCase('syslog tcp octet-counting', 'tcp', (u, t) => syslogUrl(u, t), octet5424),
  escaping(streamCase('syslog tcp newline', 'tcp', (u, t) => syslogUrl(u, t, 'newline'), newline5424)),
  streamCase('syslog tls', 'tls', (u, t) => syslogUrl(u, t), octet5424),
  udpCase('syslog udp', (u) => createSink(syslogDest(u, { maxUdpBytes: 65_000 }), deps), (d) => afterSd(d.toString('utf8'))),
  escaping(streamCase('raw tcp', 'tcp', (u, tls) => createSink(rawDest(u, { tls, timeoutMs: 10_000 }), deps), rawLines)),
  escaping(streamCase('raw tls', 'tls', (u, tls) => createSink(rawDest(u, { tls, timeoutMs: 10_000 }), deps), rawLines)),
  escaping(udpCase('raw udp', (u) => createSink(rawDest(u, { maxUdpBytes: 65_000 }), deps), (d) => unescapeLine(d.toString('utf8')))),
  {
    name: 'http ndjson',
    async open() {
      const cap = await HttpCapture.start();
      const sink = createSink(httpDest(cap.url + '/'), deps);
      return {
        sink,
        received: async () => cap.requests.flatMap((r) => r.text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { line: string }).line)),
        close: () => cap.close(),
      };
    },
    async stalled() {
      const bh = await BlackHole.start();
      return { sink: createSink(httpDest(`http://127.0.0.1:${bh.port}/`, { timeoutMs: 10_000 }), deps), batch: [makeRecord()], close: () => bh.close() };
    },
  },
  {
    name: 'http text',
    escapes: true,
    async open() {
      const cap = await HttpCapture.start();
      const sink = createSink(httpDest(cap.url + '/', { encoding: 'text', compression: 'gzip' }), deps);
      return { sink, received: async () => cap.requests.flatMap((r) => rawLines(r.body)), close: () => cap.close() };
    },
    async stalled() {
      const bh = await BlackHole.start();
      return { sink: createSink(httpDest(`http://127.0.0.1:${bh.port}/`, { timeoutMs: 10_000 }), deps), batch: bigBatch(), close: () => bh.close() };
    },
  },
  {
    name: 'mezmo',
    async open() {
      const mz = await MezmoServer.start(KEY);
      return { sink: createSink(mezmoDest(mz.url, KEY), deps), received: async () => mz.accepted.flatMap((q) => q.lines.map((l) => l.line)), close: () => mz.close() };
    },
    async stalled() {
      const bh = await BlackHole.start();
      return { sink: createSink(mezmoDest(`http://127.0.0.1:${bh.port}/logs/ingest`, KEY, { timeoutMs: 10_000 }), deps), batch: [makeRecord()], close: () => bh.close() };
    },
  },
  {
    name: 'console json',
    async open() {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d: Buffer) => (text += d.toString('utf8')));
      const sink = createConsoleSink({ type: 'console', format: 'json' }, out);
      return { sink, received: async () => parseNewlineFrames(Buffer.from(text)).map((l) => (JSON.parse(l.toString('utf8')) as { line: string }).line), close: async () => undefined };
    },
    async stalled() {
      // A stream that never finishes a write: like a terminal that stopped reading.
      const out = new Writable({ highWaterMark: 1, write() {} });
      return { sink: createConsoleSink({ type: 'console', format: 'text' }, out), batch: [makeRecord()], close: async () => undefined };
    },
  },
];

const needsEscape = (l: string) => /[\n\r\0]/.test(l) || !l.includes('\\');

for (const c of CASES) {
  describe(`sink contract: ${c.name}`, () => {
    test('close twice, and close without any send, are safe', async () => {
      const p = await c.open();
      await p.sink.close();
      await p.sink.close();
      await p.close();
    });

    test('a send after close resolves permanent/closed', async () => {
      const p = await c.open();
      assert.equal((await p.sink.send([makeRecord()], new AbortController().signal)).kind, 'ok');
      await p.sink.close();
      const r = await p.sink.send([makeRecord()], new AbortController().signal);
      assert.equal(r.kind, 'permanent');
      assert.equal(r.kind === 'permanent' && r.error, 'closed');
      await p.close();
    });

    test('an already-aborted signal and an abort mid-send both resolve promptly', async () => {
      const s = await c.stalled();
      const pre = await s.sink.send([makeRecord()], AbortSignal.abort());
      assert.equal(pre.kind, 'retryable');
      const ctl = new AbortController();
      const t0 = Date.now();
      const pending = s.sink.send(s.batch, ctl.signal);
      setTimeout(() => ctl.abort(), 100);
      const r: SendResult = await pending;
      const took = Date.now() - t0;
      assert.ok(took < 2000, `resolved after ${took} ms`);
      if (c.name.endsWith('udp')) assert.ok(r.kind === 'ok' || r.kind === 'retryable');
      else assert.deepEqual([r.kind, r.kind === 'retryable' && r.error], ['retryable', 'aborted']);
      await s.sink.close();
      await s.close();
    });

    test('NUL, control bytes and newlines inside lines: one message per record, lines intact', async () => {
      const p = await c.open();
      const batch = TRICKY.map((line, i) => makeRecord({ line, source: i % 2 ? 'stderr' : 'stdout' }));
      assert.equal((await p.sink.send(batch, new AbortController().signal)).kind, 'ok');
      const got = await p.received(batch.length);
      await p.sink.close();
      await p.close();
      assert.equal(got.length, batch.length, `received ${got.length} messages for ${batch.length} records`);
      for (let i = 0; i < TRICKY.length; i++) if (!c.escapes || needsEscape(TRICKY[i]!)) assert.equal(got[i], TRICKY[i], `record ${i}`);
    });
  });
}

/** A transport that keeps what it is given: the framers' output, checked without a network. */
function memoryTransport(datagram: boolean): Transport & { chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  return { datagram, chunks, send: async (c) => (chunks.push(...c), { kind: 'ok' }), close: async () => undefined };
}

const anyLine = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('\n', '\r', '\0', '\\', 'a', 'é', '\u0001', ' ', ']', '"', '1') }));
const sig = new AbortController().signal;

test('property: for any lines, the syslog and raw framers give exactly one frame per record, which gives the line back', async () => {
  type Framer = { name: string; datagram: boolean; make: (t: Transport) => Sink; decode: (b: Buffer[]) => string[]; exact: (l: string) => boolean };
  const framers: Framer[] = [
    { name: 'syslog octet', datagram: false, make: (t) => createSyslogSink(syslogDest('tcp://h:1'), t), decode: (b) => octet5424(Buffer.concat(b)), exact: () => true },
    { name: 'syslog newline', datagram: false, make: (t) => createSyslogSink(syslogDest('tcp://h:1', { framing: 'newline' }), t), decode: (b) => newline5424(Buffer.concat(b)), exact: needsEscape },
    { name: 'syslog udp', datagram: true, make: (t) => createSyslogSink(syslogDest('udp://h:1', { maxUdpBytes: 1 << 20 }), t), decode: (b) => b.map((d) => afterSd(d.toString('utf8'))), exact: () => true },
    { name: 'raw stream', datagram: false, make: (t) => createRawSink(rawDest('tcp://h:1'), t), decode: (b) => rawLines(Buffer.concat(b)), exact: needsEscape },
    { name: 'raw udp', datagram: true, make: (t) => createRawSink(rawDest('udp://h:1', { maxUdpBytes: 1 << 20 }), t), decode: (b) => b.map((d) => unescapeLine(d.toString('utf8'))), exact: needsEscape },
  ];
  for (const f of framers) {
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { minLength: 1, maxLength: 5 }), async (lines) => {
        // Lines are well-formed UTF-16 in a LogRecord (invalid input became U+FFFD upstream).
        const valid = lines.map((l) => Buffer.from(l, 'utf8').toString('utf8'));
        const t = memoryTransport(f.datagram);
        await f.make(t).send(valid.map((line) => makeRecord({ line })), sig);
        const got = f.decode(t.chunks);
        assert.equal(got.length, valid.length, f.name);
        valid.forEach((l, i) => {
          if (f.exact(l)) assert.equal(got[i], l, `${f.name}: ${JSON.stringify(l)}`);
        });
      }),
      { numRuns: 150 },
    );
  }
});

after(() => pki.cleanup());
