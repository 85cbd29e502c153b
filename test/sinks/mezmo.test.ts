/** The mezmo sink against a loopback server that checks requests the way Mezmo documents them. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate } from '../../src/routing/template.js';
import { createMezmoSink } from '../../src/sinks/mezmo.js';
import { rejectedIn207 } from '../../src/sinks/mezmo-encode.js';
import { HttpCapture } from '../helpers/http-capture.js';
import { MezmoServer } from '../helpers/mezmo-server.js';
import { makeRecord, numberedRecords, TEST_CONTAINER } from '../helpers/records.js';
import { mezmoDest } from './dests.js';

const KEY = 'ingest-key-0123456789abcdef';
const signal = new AbortController().signal;
let mz: MezmoServer;
before(async () => {
  mz = await MezmoServer.start(KEY);
});
after(async () => {
  await mz.close();
});

test('the test server is strict: no credentials 401, wrong key 403, no hostname 400 with Mezmo’s message', async () => {
  const body = JSON.stringify({ lines: [{ line: 'x' }] });
  const post = (q: string, headers: Record<string, string>) => fetch(`${mz.url}${q}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  assert.equal((await post(`?hostname=h&now=${Date.now()}`, {})).status, 401);
  assert.equal((await post(`?hostname=h&now=${Date.now()}`, { apikey: 'nope' })).status, 403);
  const noHost = await post(`?now=${Date.now()}`, { apikey: KEY });
  assert.equal(noHost.status, 400);
  assert.deepEqual(await noHost.json(), { error: 'Missing param hostname.' });
  assert.equal((await post(`?hostname=h&now=${Math.floor(Date.now() / 1000)}`, { apikey: KEY })).status, 400);
  mz.refused.length = 0;
});

test('basic auth: query, headers and every body field exactly as documented', async () => {
  const sink = createMezmoSink(mezmoDest(mz.url, KEY, { tags: [compileTemplate('team:{{ container.labels.team }}')] }), { version: '1.2.3' });
  const batch = [
    makeRecord({ line: 'hello', tags: ['prod'] }),
    makeRecord({ line: 'boom\nstack', source: 'stderr', tags: ['prod'], time: '2024-05-06T07:08:09.999999999Z', container: { compose: { project: 'shop', service: 'api' } } }),
  ];
  const n = mz.accepted.length;
  const t0 = Date.now();
  const r = await sink.send(batch, signal);
  const t1 = Date.now();
  await sink.close();
  assert.equal(r.kind, 'ok');
  assert.deepEqual(mz.refused, []);
  const req = mz.accepted[n]!;
  assert.equal(mz.accepted.length, n + 1);
  assert.equal(req.auth, 'basic');
  assert.equal(req.headers.authorization, 'Basic ' + Buffer.from(`${KEY}:`).toString('base64'));
  assert.equal(req.headers.apikey, undefined);
  assert.equal(req.headers['content-type'], 'application/json; charset=UTF-8');
  assert.equal(req.headers['user-agent'], 'sluice/1.2.3');
  assert.equal(req.headers['content-encoding'], undefined);
  assert.deepEqual([...req.query.keys()].sort(), ['hostname', 'now', 'tags']);
  assert.equal(req.query.get('hostname'), 'node-a');
  assert.equal(req.query.get('tags'), 'prod,team:payments');
  const now = Number(req.query.get('now'));
  assert.ok(now >= t0 && now <= t1, 'now is the send time in ms');
  const c = TEST_CONTAINER;
  assert.deepEqual(req.lines, [
    {
      line: 'hello',
      app: 'web-1',
      level: 'INFO',
      timestamp: Date.UTC(2024, 4, 6, 7, 8, 9, 123),
      meta: { container: { id: c.id, name: c.name, image: c.image, labels: c.labels }, source: 'stdout' },
    },
    {
      line: 'boom\nstack',
      app: 'web-1',
      level: 'ERROR',
      timestamp: Date.UTC(2024, 4, 6, 7, 8, 9, 999),
      meta: { container: { id: c.id, name: c.name, image: c.image, labels: c.labels }, source: 'stderr', compose: { project: 'shop', service: 'api' } },
    },
  ]);
});

test('header auth, custom levels, app and hostname templates', async () => {
  const sink = createMezmoSink(
    mezmoDest(mz.url, KEY, { auth: 'header', levelStdout: 'DEBUG', levelStderr: 'WARN', app: compileTemplate('{{ container.image }}'), hostname: compileTemplate('{{ host }}-{{ container.labels.team }}') }),
  );
  const n = mz.accepted.length;
  assert.equal((await sink.send([makeRecord(), makeRecord({ source: 'stderr' })], signal)).kind, 'ok');
  await sink.close();
  const req = mz.accepted[n]!;
  assert.equal(req.auth, 'header');
  assert.equal(req.headers.apikey, KEY);
  assert.equal(req.headers.authorization, undefined);
  assert.equal(req.query.get('hostname'), 'node-a-payments');
  assert.equal(req.query.has('tags'), false);
  assert.deepEqual(req.lines.map((l) => [l.app, l.level]), [
    ['example/web:1.2', 'DEBUG'],
    ['example/web:1.2', 'WARN'],
  ]);
});

test('a batch is split by (hostname, tags), since both are query parameters', async () => {
  const sink = createMezmoSink(mezmoDest(mz.url, KEY));
  const n = mz.accepted.length;
  const batch = [makeRecord({ line: 'a1', host: 'a' }), makeRecord({ line: 'b1', host: 'b' }), makeRecord({ line: 'a2', host: 'a' }), makeRecord({ line: 'a3', host: 'a', tags: ['x'] })];
  assert.equal((await sink.send(batch, signal)).kind, 'ok');
  await sink.close();
  const got = mz.accepted.slice(n).map((q) => [q.query.get('hostname'), q.query.get('tags'), q.lines.map((l) => l.line)]);
  assert.deepEqual(got, [
    ['a', null, ['a1', 'a2']],
    ['b', null, ['b1']],
    ['a', 'x', ['a3']],
  ]);
});

test('207: refused lines are counted as rejected in an ok result', async () => {
  mz.statusFor = (l) => (l.line.includes('bad') ? 400 : 200);
  try {
    const sink = createMezmoSink(mezmoDest(mz.url, KEY));
    const r = await sink.send([makeRecord({ line: 'good' }), makeRecord({ line: 'bad 1' }), makeRecord({ line: 'good' }), makeRecord({ line: 'bad 2' })], signal);
    await sink.close();
    assert.equal(r.kind, 'ok');
    assert.equal(r.kind === 'ok' && r.rejected, 2);
  } finally {
    mz.statusFor = undefined;
  }
  assert.equal(rejectedIn207('{"status":[200,{"status":200},{"status":413},500]}'), 2);
  assert.equal(rejectedIn207('not json'), 0);
});

test('lines over 16 KiB are cut on a UTF-8 boundary and marked meta.truncated', async () => {
  const sink = createMezmoSink(mezmoDest(mz.url, KEY));
  const n = mz.accepted.length;
  const long = 'é'.repeat(10_000); // 20,000 bytes
  assert.equal((await sink.send([makeRecord({ line: long }), makeRecord({ line: 'short' }), makeRecord({ line: 'already', truncated: true })], signal)).kind, 'ok');
  await sink.close();
  const [cut, short, already] = mz.accepted[n]!.lines;
  assert.equal(Buffer.byteLength(cut!.line), 16 * 1024);
  assert.equal(cut!.line, 'é'.repeat(8192));
  assert.equal(cut!.meta!.truncated, true);
  assert.equal(short!.meta!.truncated, undefined);
  assert.equal(already!.meta!.truncated, true);
});

test('a batch over 10 MB becomes several requests, each under the limit, nothing lost or reordered', async () => {
  const sink = createMezmoSink(mezmoDest(mz.url, KEY));
  const n = mz.accepted.length;
  const pad = 'x'.repeat(16_000);
  const batch = numberedRecords(700, '', {}).map((r, i) => ({ ...r, line: `${i} ${pad}` })); // ≈ 11.5 MB of JSON
  const r = await sink.send(batch, signal);
  await sink.close();
  assert.equal(r.kind, 'ok');
  assert.deepEqual(mz.refused, []);
  const reqs = mz.accepted.slice(n);
  assert.ok(reqs.length >= 2, `${reqs.length} requests`);
  for (const q of reqs) assert.ok(q.bytes <= 10_000_000, `${q.bytes} bytes`);
  assert.deepEqual(
    reqs.flatMap((q) => q.lines.map((l) => Number(l.line.split(' ')[0]))),
    batch.map((_r, i) => i),
  );
});

test('retry rules as for http: 5xx and 429 retryable (Retry-After), 403 permanent with the body', async () => {
  const wrong = createMezmoSink(mezmoDest(mz.url, 'wrong-key'));
  const r = await wrong.send([makeRecord()], signal);
  await wrong.close();
  assert.deepEqual(r, { kind: 'permanent', error: 'http_4xx', detail: 'HTTP 403: {"error":"Invalid ingestion key."}' });
  mz.refused.length = 0;
  const cap = await HttpCapture.start();
  cap.script({ status: 503 }, { status: 429, headers: { 'retry-after': '5' } }, { status: 200, body: '{"status":"ok"}' });
  const sink = createMezmoSink(mezmoDest(cap.url + '/logs/ingest', KEY));
  const results = [await sink.send([makeRecord()], signal), await sink.send([makeRecord()], signal), await sink.send([makeRecord()], signal)];
  await sink.close();
  await cap.close();
  assert.deepEqual(results.map((x) => x.kind), ['retryable', 'retryable', 'ok']);
  assert.equal(results[1]!.kind === 'retryable' && results[1]!.afterMs, 5000);
  // The secret never shows up in a result.
  assert.ok(!JSON.stringify(results).includes(KEY));
});
