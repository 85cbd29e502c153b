/**
 * Issue 12, the real agent (`sluice run`, source: kubernetes) on pod log files:
 * - a rotation and a compression while sluice is stopped lose nothing (and repeat nothing);
 * - /status and /metrics show the files followed, their offsets and the checkpoint lag;
 * - a route that matches by pod label while the Kubernetes API cannot be reached: the lines go on
 *   to the routes that match by path metadata, the label route takes none; once the API answers,
 *   later lines reach it too (docs/kubernetes.md).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { IngestServer } from '../helpers/ingest-server.js';
import { FakeKubelet } from '../helpers/kubelet.js';
import { FakeKubeApi } from '../helpers/kube-api.js';
import { freePort } from '../helpers/net.js';

const procs: SluiceProcess[] = [];
const servers: { close(): Promise<void> }[] = [];
after(async () => {
  for (const p of procs) await p.stop('SIGKILL');
  for (const s of servers) await s.close();
});

function run(cfg: string): SluiceProcess {
  const p = new SluiceProcess(cfg);
  procs.push(p);
  return p;
}

const nums = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

test('rotation and compression while sluice is stopped: nothing lost, nothing repeated; /status and /metrics show files, offsets, lag', async () => {
  const ingest = await IngestServer.start();
  servers.push(ingest);
  const logDir = mkdtempSync(join(tmpdir(), 'sluice-pods-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'sluice-state-'));
  const k = new FakeKubelet(logDir);
  const c = k.pod('shop', 'web-1').container('app');
  const port = await freePort();
  const cfg = writeConfig(`
version: 1
source: kubernetes
kubernetes: { log_dir: "${logDir}", api: off }
state_dir: "${stateDir}"
api: { listen: "127.0.0.1:${port}" }
routes:
  - name: ingest
    destination: { type: http, url: "${ingest.url}", encoding: ndjson }
    flush: { interval: 100ms }
`);
  let p = run(cfg);
  assert.ok(await waitFor(() => p.stderr.includes('sluice starting'), 30_000));
  await new Promise((r) => setTimeout(r, 800));
  for (let i = 1; i <= 300; i++) c.write(i % 2 ? 'stdout' : 'stderr', `n${i}`);
  assert.ok(await waitFor(() => ingest.count('app') >= 300, 20_000), `got ${ingest.count('app')}`);

  // /status: the run, its open file and offset, its acknowledged position; /metrics: the same in numbers.
  const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as { containers: Array<Record<string, any>> };
  const app = status.containers.find((x) => x.name === 'app')!;
  assert.equal(app.pod, 'shop/web-1');
  assert.equal(app.files[0].name, '0.log');
  assert.ok(app.files[0].offset > 0);
  assert.ok(await waitFor(async () => {
    const s = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as { containers: Array<Record<string, any>> };
    const a = s.containers.find((x) => x.name === 'app')!;
    return a.checkpoint?.offset === a.files[0].offset && a.checkpointLagSeconds === 0;
  }, 5_000), 'the acknowledged position reaches the read offset');
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  assert.match(metrics, /^sluice_log_files_followed 1$/m);
  assert.match(metrics, /^sluice_lines_read_total\{container="app"\} 300$/m);
  assert.match(metrics, /^sluice_checkpoint_lag_seconds\{container="app"\} 0$/m);

  // Lag while the destination refuses: the oldest unacknowledged line gets older.
  ingest.answer(503);
  c.write('stdout', 'n301');
  await new Promise((r) => setTimeout(r, 1_500));
  const lagged = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const lag = Number(/^sluice_checkpoint_lag_seconds\{container="app"\} ([\d.]+)$/m.exec(lagged)?.[1]);
  assert.ok(lag >= 1, `checkpoint lag ${lag}`);
  ingest.accept();
  assert.ok(await waitFor(() => ingest.count('app') >= 301, 20_000));

  // Stop gracefully; while stopped: more lines, a rotation, more lines, a rotation that gzips the first.
  assert.equal(await p.stop('SIGTERM'), 0, p.stderr.slice(-2000));
  const accepted = ingest.count('app');
  for (let i = 302; i <= 400; i++) c.write('stdout', `n${i}`);
  c.rotate();
  for (let i = 401; i <= 500; i++) c.write('stderr', `n${i}`);
  c.rotate();
  for (let i = 501; i <= 550; i++) c.write('stdout', `n${i}`);
  assert.ok(c.files().some((f) => f.endsWith('.gz')), `compressed: ${c.files().join(' ')}`);
  p = run(cfg);
  assert.ok(await waitFor(() => ingest.count('app') >= accepted + 249, 30_000), `got ${ingest.count('app') - accepted} of 249 after the restart\n${p.stderr.slice(-1500)}`);
  await new Promise((r) => setTimeout(r, 1_000));
  assert.equal(ingest.count('app'), 550, 'each line once');
  assert.equal(ingest.duplicates('app'), 0);
  assert.deepEqual([...new Set(ingest.texts('app'))].sort(), nums('n', 1, 550).sort());
});

test('a route matching by pod label while the API cannot be reached: path routes flow, the label route waits for the API', async () => {
  const ingest = await IngestServer.start();
  servers.push(ingest);
  const byLabel = await IngestServer.start();
  servers.push(byLabel);
  const logDir = mkdtempSync(join(tmpdir(), 'sluice-pods-'));
  const k = new FakeKubelet(logDir);
  const pod = k.pod('shop', 'web-1');
  const c = pod.container('app');
  const apiPort = await freePort(); // nothing listens yet: the API cannot be reached
  const cfg = writeConfig(`
version: 1
source: kubernetes
kubernetes: { log_dir: "${logDir}", node_name: node-a, api: { url: "http://127.0.0.1:${apiPort}" } }
state_dir: null
api: null
routes:
  - name: by-namespace
    match: { k8s_namespace: shop }
    destination: { type: http, url: "${ingest.url}", encoding: ndjson }
    flush: { interval: 100ms }
  - name: by-label
    match: { labels: { app: web } }
    destination: { type: http, url: "${byLabel.url}", encoding: ndjson }
    flush: { interval: 100ms }
`);
  const p = run(cfg);
  assert.ok(await waitFor(() => p.stderr.includes('Cannot watch pods'), 30_000), p.stderr);
  for (let i = 1; i <= 20; i++) c.write('stdout', `before${i}`);
  assert.ok(await waitFor(() => ingest.count('app') >= 20, 20_000), 'lines flow with path metadata while the API is down');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(byLabel.count('app'), 0, 'no labels known: the label route takes nothing');

  const api = new FakeKubeApi();
  api.upsert({ uid: pod.uid, name: 'web-1', namespace: 'shop', nodeName: 'node-a', labels: { app: 'web' }, containers: [{ name: 'app', image: 'nginx:1.27' }] });
  await api.start(apiPort);
  servers.push(api);
  assert.ok(await waitFor(() => api.openWatches === 1, 20_000), 'sluice watches pods once the API answers');
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 1; i <= 20; i++) c.write('stdout', `after${i}`);
  assert.ok(await waitFor(() => byLabel.count('app') >= 20 && ingest.count('app') >= 40, 20_000), `label route got ${byLabel.count('app')}`);
  assert.deepEqual(byLabel.texts('app'), nums('after', 1, 20));
  assert.ok(api.requests.every((r) => r.path.startsWith('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a')), 'only this node\'s pods, nothing else');
});
