import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PodWatcher } from '../../src/kubernetes/pods.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { systemClock } from '../../src/util/clock.js';
import { FakeKubeApi } from '../helpers/kube-api.js';
import { FakeKubelet } from '../helpers/kubelet.js';
import { Recorder, source, tempDir, until } from './helpers.js';

function watcher(api: FakeKubeApi, logs: Record<string, unknown>[] = [], extra: { tokenFile?: string; watchSeconds?: number } = {}) {
  const logger = createLogger('debug', { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
  return new PodWatcher({ url: api.url, nodeName: 'node-a', ...extra }, { logger, clock: systemClock });
}

test('lists this node\'s pods, then follows ADDED, MODIFIED and DELETED from the list\'s resourceVersion', async () => {
  const api = new FakeKubeApi();
  await api.start();
  const token = join(tempDir('sluice-token-'), 'token');
  writeFileSync(token, 'sekrit-token\n');
  const a = api.upsert({ name: 'a', namespace: 'ns', nodeName: 'node-a', labels: { app: 'a' } });
  const other = api.upsert({ name: 'elsewhere', namespace: 'ns', nodeName: 'node-b' });
  const logs: Record<string, unknown>[] = [];
  const w = watcher(api, logs, { tokenFile: token });
  const changed: string[] = [];
  w.onChange = (uid) => changed.push(uid);
  w.start();
  await until(() => w.synced && api.openWatches === 1, 'list and watch');
  assert.deepEqual(w.get(a)?.labels, { app: 'a' });
  assert.equal(w.get(other), undefined);
  const b = api.upsert({ name: 'b', namespace: 'ns', nodeName: 'node-a', annotations: { 'sluice.routes': 'x' }, containers: [{ name: 'app', image: 'nginx:1.27' }] });
  await until(() => w.get(b) !== undefined, 'ADDED');
  assert.deepEqual(w.get(b)?.images, { app: 'nginx:1.27' });
  api.upsert({ uid: a, name: 'a', namespace: 'ns', nodeName: 'node-a', labels: { app: 'a', tier: 'web' } });
  await until(() => w.get(a)?.labels.tier === 'web', 'MODIFIED');
  api.remove(b);
  await until(() => w.get(b) === undefined, 'DELETED');
  assert.deepEqual(changed, [a, b, a, b]);
  const [list, watch] = api.requests;
  assert.equal(list!.path, '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a');
  assert.match(watch!.path, /watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=1002$/);
  assert.ok(api.requests.every((r) => r.auth === 'Bearer sekrit-token'));
  assert.ok(!JSON.stringify(logs).includes('sekrit'), 'the token is never logged');
  await w.stop();
  await api.close();
});

test('a dropped watch is re-opened from the last bookmark without a re-list', async () => {
  const api = new FakeKubeApi();
  await api.start();
  api.upsert({ name: 'a', namespace: 'ns', nodeName: 'node-a' });
  const w = watcher(api);
  w.start();
  await until(() => api.openWatches === 1, 'watch');
  api.bookmark();
  await new Promise((r) => setTimeout(r, 50));
  const rvAfterBookmark = '1002'; // the list said 1001
  api.dropWatches();
  await until(() => api.openWatches === 1 && w.watches === 2, 'the watch re-opened');
  assert.equal(w.lists, 1);
  assert.match(api.requests.at(-1)!.path, new RegExp(`resourceVersion=${rvAfterBookmark}$`));
  const c = api.upsert({ name: 'c', namespace: 'ns', nodeName: 'node-a' });
  await until(() => w.get(c) !== undefined, 'event after the re-watch');
  // A watch that the server ends (its timeout) is re-opened too.
  await w.stop();
  await api.close();
});

for (const asStatus of [false, true]) {
  test(`410 Gone (${asStatus ? 'HTTP status' : 'ERROR event'}) forces a re-list that reports what changed meanwhile`, async () => {
    const api = new FakeKubeApi();
    api.goneAsStatus = asStatus;
    await api.start();
    const a = api.upsert({ name: 'a', namespace: 'ns', nodeName: 'node-a', labels: { v: '1' } });
    const gone = api.upsert({ name: 'gone', namespace: 'ns', nodeName: 'node-a' });
    const w = watcher(api);
    const changed: string[] = [];
    w.onChange = (uid) => changed.push(uid);
    w.start();
    await until(() => api.openWatches === 1, 'watch');
    // While the watch is down, pods change and history is compacted: the old resourceVersion expires.
    api.dropWatches();
    api.upsertQuietly({ uid: a, name: 'a', namespace: 'ns', nodeName: 'node-a', labels: { v: '2' } });
    api.remove(gone);
    api.compact();
    await until(() => w.lists === 2 && api.openWatches === 1, 're-list and watch');
    assert.equal(w.get(a)?.labels.v, '2');
    assert.equal(w.get(gone), undefined);
    assert.ok(changed.includes(gone));
    await w.stop();
    await api.close();
  });
}

test('an unreachable API is retried with backoff, logged once, and recovers', async () => {
  const api = new FakeKubeApi();
  await api.start();
  const port = api.port;
  const url = api.url;
  await api.close();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) });
  const w = new PodWatcher({ url, nodeName: 'node-a' }, { logger, clock: systemClock });
  w.start();
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(w.connected, false);
  assert.equal(logs.filter((l) => l.level === 'warn').length, 1);
  const again = new FakeKubeApi();
  again.upsert({ name: 'a', namespace: 'ns', nodeName: 'node-a' });
  await again.start(port);
  await until(() => w.connected && w.synced, 'connected', 15_000);
  await w.stop();
  await again.close();
});

test('with the API unreachable lines flow with path metadata; labels and sluice annotations apply once known', async () => {
  const logDir = tempDir('sluice-k8s-');
  const k = new FakeKubelet(logDir);
  const pod = k.pod('shop', 'web');
  const c = pod.container('c');
  c.write('stdout', 'before the API');
  const api = new FakeKubeApi();
  await api.start();
  const port = api.port;
  const url = api.url;
  await api.close();
  const rec = new Recorder();
  const pods = new PodWatcher({ url, nodeName: 'node-a' }, { logger: createLogger('silent'), clock: systemClock });
  const s = source(rec, { logDir, pods, metadataWaitMs: 300 });
  await s.start();
  await until(() => rec.records.length === 1, 'a line without metadata');
  assert.deepEqual(rec.records[0]!.container.labels, {});
  assert.equal(rec.records[0]!.container.k8s?.namespace, 'shop');
  const again = new FakeKubeApi();
  again.upsert({ uid: pod.uid, name: 'web', namespace: 'shop', nodeName: 'node-a', labels: { app: 'web' }, annotations: { 'sluice.routes': 'audit', 'sluice.tags': 'pci', other: 'ignored' } });
  await again.start(port);
  await until(() => rec.renamed.length === 1, 'metadata arrived', 15_000);
  c.write('stdout', 'after the API');
  await until(() => rec.records.length === 2, 'second line');
  assert.deepEqual(rec.records[1]!.container.labels, { app: 'web', 'sluice.routes': 'audit', 'sluice.tags': 'pci' });
  assert.equal(rec.records[1]!.container.image, 'busybox:1.36');
  await s.stop();
  await again.close();
});
