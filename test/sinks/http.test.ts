/** The http sink against a scripted loopback server: encodings, gzip, auth, status rules, timeouts, TLS. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { recordToJson } from '../../src/sinks/encode.js';
import { createHttpSink } from '../../src/sinks/http.js';
import { retryAfterMs } from '../../src/sinks/http-response.js';
import { Secret } from '../../src/util/secret.js';
import { HttpCapture } from '../helpers/http-capture.js';
import { makeRecord } from '../helpers/records.js';
import { testPki } from '../helpers/tls.js';
import { httpDest } from './dests.js';

const signal = new AbortController().signal;
let cap: HttpCapture;
before(async () => {
  cap = await HttpCapture.start();
});
after(async () => {
  await cap.close();
});

const batch = () => [
  makeRecord({ line: 'one' }),
  makeRecord({ line: 'nul\0 and\nnewline "q"', source: 'stderr', truncated: true, container: { k8s: { namespace: 'ns', pod: 'p' } } }),
];

async function sendOnce(over: Parameters<typeof httpDest>[1], path = '/ingest?x=1') {
  const sink = createHttpSink(httpDest(cap.url + path, over), { version: '9.9.9' });
  const before = cap.requests.length;
  const b = batch();
  const r = await sink.send(b, signal);
  await sink.close();
  return { r, req: cap.requests[before]!, batch: b };
}

test('ndjson: one JSON object per line with the shared record shape; path, query and user-agent', async () => {
  const { r, req, batch: b } = await sendOnce({});
  assert.deepEqual(r, { kind: 'ok' });
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/ingest?x=1');
  assert.equal(req.headers['content-type'], 'application/x-ndjson');
  assert.equal(req.headers['user-agent'], 'sluice/9.9.9');
  const lines = req.text.split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines.map((l) => JSON.parse(l)), b.map((x) => JSON.parse(JSON.stringify(recordToJson(x)))));
  const second = JSON.parse(lines[1]!);
  assert.equal(second.line, 'nul\0 and\nnewline "q"');
  assert.equal(second.truncated, true);
  assert.deepEqual(second.k8s, { namespace: 'ns', pod: 'p' });
  assert.equal(JSON.parse(lines[0]!).truncated, undefined);
  assert.deepEqual(Object.keys(JSON.parse(lines[0]!)), ['time', 'line', 'source', 'container', 'host', 'tags']);
});

test('json_array and text encodings', async () => {
  const a = await sendOnce({ encoding: 'json_array' });
  assert.equal(a.req.headers['content-type'], 'application/json');
  assert.deepEqual((JSON.parse(a.req.text) as { line: string }[]).map((x) => x.line), ['one', 'nul\0 and\nnewline "q"']);
  const t = await sendOnce({ encoding: 'text' });
  assert.equal(t.req.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(t.req.text, 'one\nnul\\0 and\\nnewline "q"\n');
});

test('gzip: Content-Encoding set and the body inflates to the same ndjson', async () => {
  const { r, req } = await sendOnce({ compression: 'gzip' });
  assert.equal(r.kind, 'ok');
  assert.equal(req.headers['content-encoding'], 'gzip');
  assert.equal(req.raw[0], 0x1f);
  assert.equal(req.raw[1], 0x8b);
  assert.equal(req.text.split('\n').length, 3);
});

test('headers, basic and bearer auth', async () => {
  const basic = await sendOnce({ auth: { kind: 'basic', user: 'u', password: new Secret('p:w') }, headers: { 'X-Env': new Secret('prod') } });
  assert.equal(basic.req.headers.authorization, 'Basic ' + Buffer.from('u:p:w').toString('base64'));
  assert.equal(basic.req.headers['x-env'], 'prod');
  const bearer = await sendOnce({ auth: { kind: 'bearer', token: new Secret('tok') } });
  assert.equal(bearer.req.headers.authorization, 'Bearer tok');
  const explicit = await sendOnce({ headers: { Authorization: new Secret('Bearer from-header') } });
  assert.equal(explicit.req.headers.authorization, 'Bearer from-header');
});

test('keep-alive: consecutive sends reuse the pool connections', async (t) => {
  const c = await HttpCapture.start();
  t.after(() => c.close());
  const sink = createHttpSink(httpDest(c.url + '/'));
  t.after(() => sink.close());
  for (let i = 0; i < 10; i++) assert.equal((await sink.send([makeRecord()], signal)).kind, 'ok');
  // The pool may open a second socket when a send follows the previous response in the same tick.
  assert.ok(c.connectionsOpened <= 2, `${c.connectionsOpened} connections for 10 requests`);
});

test('consecutive batches of different sizes each arrive whole: the reused encode buffer never leaks into another body', { timeout: 20_000 }, async (t) => {
  // Closed however the test ends: a server left open keeps the file's process alive, and a failed
  // assertion then hangs the runner instead of failing.
  const c = await HttpCapture.start();
  t.after(() => c.close());
  const sink = createHttpSink(httpDest(c.url + '/'));
  t.after(() => sink.close());
  const batches = [300, 2, 1000, 1].map((n, b) => Array.from({ length: n }, (_, i) => makeRecord({ line: `b${b} l${i} ${'é'.repeat(i % 7)}` })));
  // Two in flight at once too (two routes never share a sink, but a retry and a send may overlap a write).
  const results = await Promise.all([sink.send(batches[0]!, signal), sink.send(batches[1]!, signal)]);
  for (const b of batches.slice(2)) results.push(await sink.send(b, signal));
  assert.deepEqual(results.map((r) => r.kind), ['ok', 'ok', 'ok', 'ok']);
  const got = c.requests.map((r) => r.body.toString('utf8'));
  const want = batches.map((b) => b.map((r) => JSON.stringify(recordToJson(r)) + '\n').join(''));
  assert.deepEqual([...got].sort(), [...want].sort());
});

test('status mapping: 5xx, 429 with Retry-After (seconds and date), 408, 400 with its body, 301', async () => {
  const c = await HttpCapture.start();
  const sink = createHttpSink(httpDest(c.url + '/'), { now: () => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT') });
  c.script(
    { status: 503 },
    { status: 502, headers: { 'retry-after': '2' } },
    { status: 429, headers: { 'retry-after': '7' } },
    { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' } },
    { status: 408 },
    { status: 400, body: '{"error":"bad field x"}' },
    { status: 413, body: 'y'.repeat(5000) },
    { status: 301, headers: { location: '/elsewhere' } },
    { status: 204 },
  );
  const results = [];
  for (let i = 0; i < 9; i++) results.push(await sink.send([makeRecord()], signal));
  await sink.close();
  await c.close();
  assert.deepEqual(results[0], { kind: 'retryable', error: 'http_5xx', detail: 'HTTP 503' });
  assert.deepEqual(results[1], { kind: 'retryable', error: 'http_5xx', detail: 'HTTP 502', afterMs: 2000 });
  assert.deepEqual(results[2], { kind: 'retryable', error: 'http_429', detail: 'HTTP 429', afterMs: 7000 });
  assert.deepEqual(results[3], { kind: 'retryable', error: 'http_429', detail: 'HTTP 429', afterMs: 30_000 });
  assert.equal(results[4]!.kind, 'retryable');
  assert.deepEqual(results[5], { kind: 'permanent', error: 'http_4xx', detail: 'HTTP 400: {"error":"bad field x"}' });
  const big = results[6]!;
  assert.equal(big.kind, 'permanent');
  assert.ok(big.kind === 'permanent' && big.detail.length < 1100 && big.detail.startsWith('HTTP 413: yyy'));
  assert.equal(results[7]!.kind, 'permanent');
  assert.deepEqual(results[8], { kind: 'ok' });
});

test('Retry-After parsing', () => {
  assert.equal(retryAfterMs('120', 0), 120_000);
  assert.equal(retryAfterMs(['3'], 0), 3000);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT')), 0);
  assert.equal(retryAfterMs('soon', 0), undefined);
  assert.equal(retryAfterMs(undefined, 0), undefined);
});

test('a server that never answers: retryable timeout after timeoutMs; the next request still works', async (t) => {
  const c = await HttpCapture.start();
  t.after(() => c.close());
  c.script('hang');
  const sink = createHttpSink(httpDest(c.url + '/', { timeoutMs: 300 }));
  t.after(() => sink.close());
  const t0 = Date.now();
  const r = await sink.send([makeRecord()], signal);
  const took = Date.now() - t0;
  assert.equal(r.kind, 'retryable');
  assert.equal(r.kind === 'retryable' && r.error, 'timeout');
  assert.ok(took >= 250 && took < 3000, `took ${took} ms`);
  assert.equal((await sink.send([makeRecord()], signal)).kind, 'ok');
});

test('connection refused: retryable network', async () => {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  const sink = createHttpSink(httpDest(`http://127.0.0.1:${port}/`));
  const r = await sink.send([makeRecord()], signal);
  await sink.close();
  assert.equal(r.kind, 'retryable');
  assert.equal(r.kind === 'retryable' && r.error, 'network');
});

test('https: verified with the test CA; fails (retryable) without it or with another CA', async () => {
  const pki = testPki();
  const c = await HttpCapture.start({ tls: { cert: pki.cert, key: pki.key } });
  const good = createHttpSink(httpDest(c.url + '/', { tls: { ca: pki.ca, insecureSkipVerify: false } }));
  assert.deepEqual(await good.send([makeRecord({ line: 'secure' })], signal), { kind: 'ok' });
  await good.close();
  const byName = createHttpSink(httpDest(c.url.replace('127.0.0.1', 'localhost') + '/', { tls: { ca: pki.ca, insecureSkipVerify: false } }));
  assert.deepEqual(await byName.send([makeRecord()], signal), { kind: 'ok' });
  await byName.close();
  for (const tls of [{ insecureSkipVerify: false }, { ca: pki.otherCa, insecureSkipVerify: false }]) {
    const bad = createHttpSink(httpDest(c.url + '/', { tls }));
    const r = await bad.send([makeRecord()], signal);
    await bad.close();
    assert.equal(r.kind, 'retryable');
    assert.match(r.kind === 'retryable' ? r.detail : '', /certificate/i);
  }
  const skip = createHttpSink(httpDest(c.url + '/', { tls: { insecureSkipVerify: true } }));
  assert.equal((await skip.send([makeRecord()], signal)).kind, 'ok');
  await skip.close();
  assert.equal(c.requests.filter((q) => q.text.includes('"secure"')).length, 1);
  await c.close();
});
