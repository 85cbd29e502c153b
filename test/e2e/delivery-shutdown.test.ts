/**
 * Issue 5, must show 5: SIGTERM while the buffer is full (the destination answers 503 for a few
 * more seconds, less than shutdown_timeout). `sluice run` exits 0 only once everything it buffered is
 * delivered; a restart on the same state_dir re-sends nothing and delivers the rest.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDocker, DOCKER_HOST, hasDocker, waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { IngestServer, numbered } from '../helpers/ingest-server.js';
import { freePort } from '../helpers/net.js';

const N = 5_000;
const BUFFER = 2_000;
const STILL_DOWN_MS = 3_000;

const td = new TestDocker();
let sluice: SluiceProcess | undefined;
let ingest: IngestServer | undefined;

after(async () => {
  await sluice?.stop('SIGKILL');
  await ingest?.close();
  await td.cleanup();
});


/** A sample of the child's /metrics, 0 when absent. */
async function scrape(port: number, series: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  for (const l of text.split('\n')) if (l.startsWith(series + ' ')) return Number(l.slice(series.length + 1));
  return 0;
}

test('SIGTERM with a full buffer and a destination still failing: exit 0 after delivering it all; a restart re-sends nothing', { skip: !hasDocker }, async (t) => {
  ingest = await IngestServer.start();
  ingest.answer(503);
  const port = await freePort();
  const cfg = writeConfig(`
version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: "${mkdtempSync(join(tmpdir(), 'sluice-state-'))}"
api: { listen: "127.0.0.1:${port}" }
shutdown_timeout: 30s
routes:
  - name: ingest
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: http, url: "${ingest.url}" }
    buffer: { max_lines: ${BUFFER}, when_full: block }
    flush: { interval: 200ms, max_lines: 500 }
    retry: { initial_backoff: 100ms, max_backoff: 1s }
`);
  const start = async () => {
    sluice = new SluiceProcess(cfg);
    assert.ok(await waitFor(() => sluice!.stderr.includes('Connected to the Docker engine'), 30_000), `sluice did not connect:\n${sluice.stderr}`);
  };
  await start();
  const name = td.name('shutdown');
  await td.run({ name, script: `seq 1 ${N} | sed 's/^/s/'` });

  const buffered = () => scrape(port, 'sluice_buffer_lines{route="ingest"}');
  assert.ok(await waitFor(async () => (await buffered()) >= BUFFER, 30_000), `the buffer never filled (holds ${await buffered()})`);
  const held = await buffered();
  const read = await scrape(port, `sluice_lines_read_total{container="${name}"}`);
  assert.equal(ingest.total, 0, 'nothing delivered yet');
  assert.ok(read >= held && read < N, `read ${read}, held ${held}: the container is paused`);

  const sigterm = Date.now();
  sluice!.child.kill('SIGTERM');
  const recover = setTimeout(() => ingest!.accept(), STILL_DOWN_MS);
  const code = await sluice!.exited;
  clearTimeout(recover);
  const took = Date.now() - sigterm;
  const delivered = ingest.count(name);
  t.diagnostic(`held ${held} (read ${read}) at SIGTERM; exited ${code} after ${took} ms having delivered ${delivered}`);
  assert.equal(code, 0, sluice!.stderr.slice(-2000));
  assert.ok(took >= STILL_DOWN_MS, 'it did not exit while the destination was still failing');
  assert.ok(!sluice!.stderr.includes('Shutdown deadline reached'), 'nothing was abandoned');
  assert.equal(delivered, read, 'everything read (and buffered) was delivered before exit');
  assert.deepEqual(ingest.texts(name), numbered('s', read));

  // The restart resumes after the checkpoint written at shutdown: the rest, and nothing twice.
  await start();
  assert.ok(await waitFor(() => ingest!.count(name) >= N, 60_000), `after restart: ${ingest.count(name)} of ${N}`);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(ingest.duplicates(name), 0, 'the restart re-sent lines');
  assert.deepEqual(ingest.texts(name), numbered('s', N));
  assert.equal(await sluice!.stop('SIGTERM'), 0);
});
