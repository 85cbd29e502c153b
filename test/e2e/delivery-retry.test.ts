/**
 * Issue 5, must show 1: an HTTP destination that answers 503 for its first seconds, then 429 with
 * Retry-After, then 200. The real agent (`sluice run`, child process) reads three real containers of
 * 20,000 numbered lines each; every line arrives exactly once, in order per container.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDocker, DOCKER_HOST, hasDocker, waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { IngestServer, missing, numbered } from '../helpers/ingest-server.js';

const td = new TestDocker();
let sluice: SluiceProcess | undefined;
let ingest: IngestServer | undefined;

after(async () => {
  await sluice?.stop('SIGKILL');
  await ingest?.close();
  await td.cleanup();
});

const N = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('3 containers × 20,000 lines through 503s, then 429 + Retry-After, then 200: every line once, in order', { skip: !hasDocker }, async (t) => {
  ingest = await IngestServer.start();
  ingest.answer(503);
  sluice = new SluiceProcess(
    writeConfig(`
version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: "${mkdtempSync(join(tmpdir(), 'sluice-state-'))}"
api: null
routes:
  - name: ingest
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: http, url: "${ingest.url}", encoding: ndjson }
    flush: { interval: 200ms }
    retry: { initial_backoff: 100ms, max_backoff: 1s }
`),
  );
  assert.ok(await waitFor(() => sluice!.stderr.includes('Connected to the Docker engine'), 30_000), `sluice did not connect:\n${sluice.stderr}`);

  const names = [0, 1, 2].map((i) => td.name(`retry${i}`));
  await Promise.all(names.map((name) => td.run({ name, script: `seq 1 ${N} | sed 's/^/L/'` })));

  // 503 for about two seconds from the first request, then two 429s with Retry-After: 1, then 200.
  assert.ok(await waitFor(() => ingest!.requests.length > 0, 30_000), 'no request reached the server');
  await sleep(2_000);
  ingest.script({ status: 429, headers: { 'retry-after': '1' } }, { status: 429, headers: { 'retry-after': '1' } });
  ingest.accept();

  const total = () => names.reduce((n, name) => n + ingest!.count(name), 0);
  const ok = await waitFor(() => total() >= 3 * N, 120_000);
  const m = names.map((name) => missing(ingest!.texts(name), 'L', N));
  assert.ok(ok, `got ${total()} of ${3 * N}; missing per container: ${JSON.stringify(m)}\n${sluice.stderr.slice(-2000)}`);
  await sleep(500); // a late duplicate would show up here

  const statuses = ingest.requests.map((r) => r.status);
  const n503 = statuses.filter((s) => s === 503).length;
  t.diagnostic(`requests: ${statuses.length} (${n503} × 503, 2 × 429, then 200)`);
  assert.ok(n503 >= 2, 'the agent retried through the 503s');
  const i429 = statuses.indexOf(429);
  assert.deepEqual(statuses.slice(i429, i429 + 2), [429, 429]);
  assert.ok(statuses.slice(i429 + 2).every((s) => s === 200), 'only 200s after the 429s');
  // Retry-After: 1 was honoured (the backoff alone would have retried within 1 s).
  const gap = ingest.requests[i429 + 1]!.at - ingest.requests[i429]!.at;
  const gap2 = ingest.requests[i429 + 2]!.at - ingest.requests[i429 + 1]!.at;
  assert.ok(gap >= 900 && gap2 >= 900, `retries came ${gap} ms and ${gap2} ms after a 429 with Retry-After: 1`);

  const expected = numbered('L', N);
  for (const name of names) {
    assert.equal(ingest.duplicates(name), 0, `${name}: duplicates`);
    assert.deepEqual(ingest.texts(name), expected, `${name}: every line once, in order`);
    assert.ok(ingest.lines(name).every((l) => l.source === 'stdout'));
  }
});
