/**
 * `sluice explain --config F NAMESPACE/POD/CONTAINER` on pod log files: the container's path
 * metadata, its pod's labels and sluice annotations from the API, and what a route that matches by
 * label does while the API cannot be reached (it does not match: no labels are known).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { FakeKubeApi } from '../helpers/kube-api.js';
import { FakeKubelet } from '../helpers/kubelet.js';
import { tempDir } from './helpers.js';

function config(logDir: string, api: string): string {
  return writeConfig(`version: 1
source: kubernetes
state_dir: null
kubernetes: { log_dir: ${logDir}, node_name: node-a, api: ${api} }
routes:
  - name: shop
    match: { k8s_namespace: shop }
    destination: { type: console }
  - name: web-by-label
    match: { labels: { app: web } }
    destination: { type: console }
  - name: audit
    destination: { type: console }
`);
}

test('explain NAMESPACE/POD/CONTAINER: path metadata, pod labels and the sluice.routes annotation from the API', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  const pod = k.pod('shop', 'web-1');
  pod.container('app').write('stdout', 'hi');
  const api = new FakeKubeApi();
  await api.start();
  api.upsert({ uid: pod.uid, name: 'web-1', namespace: 'shop', nodeName: 'node-a', labels: { app: 'web' }, annotations: { 'sluice.routes': 'shop,web-by-label' }, containers: [{ name: 'app', image: 'nginx:1.27' }] });
  const p = new SluiceProcess(['explain', '--config', config(logDir, `{ url: "${api.url}" }`), 'shop/web-1/app']);
  assert.equal(await p.exited, 0, p.stderr);
  assert.match(p.stdout, /container\s+app \(pod shop\/web-1, restart 0\)/);
  assert.match(p.stdout, /image\s+nginx:1\.27/);
  assert.match(p.stdout, /match\s+shop\b/);
  assert.match(p.stdout, /match\s+web-by-label\b/);
  assert.match(p.stdout, /skip\s+audit\b.*sluice\.routes/);
  await api.close();
});

test('explain while the API cannot be reached: path metadata only, so the route matching by label does not match', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  k.pod('shop', 'web-1').container('app').write('stdout', 'hi');
  const api = new FakeKubeApi();
  await api.start();
  const url = api.url;
  await api.close();
  const p = new SluiceProcess(['explain', '--config', config(logDir, `{ url: "${url}" }`), 'shop/web-1/app']);
  assert.equal(await p.exited, 0, p.stderr);
  assert.match(p.stderr, /did not answer: path metadata only/);
  assert.match(p.stdout, /match\s+shop\b/);
  assert.match(p.stdout, /skip\s+web-by-label\s+match\.labels\.app: the container has no label "app"/);
  const missing = new SluiceProcess(['explain', '--config', config(logDir, 'off'), 'shop/web-1/nope']);
  assert.equal(await missing.exited, 1);
  assert.match(missing.stderr, /no log files for shop\/web-1\/nope/);
});
