import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { OffsetTracker } from '../../src/kubernetes/offsets.js';
import { parseLogFileName, parsePodDir, podContainerInfo } from '../../src/kubernetes/path.js';
import { FileCheckpointStore } from '../../src/kubernetes/file-checkpoints.js';
import { compileTemplate } from '../../src/routing/template.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { systemClock } from '../../src/util/clock.js';
import { tempDir } from './helpers.js';

test('pod directory and log file names', () => {
  assert.deepEqual(parsePodDir('kube-system_coredns-5d78c9869d-abcde_0b1c2d3e-aaaa-bbbb-cccc-123456789abc'), { namespace: 'kube-system', pod: 'coredns-5d78c9869d-abcde', uid: '0b1c2d3e-aaaa-bbbb-cccc-123456789abc' });
  assert.equal(parsePodDir('no-underscores'), null);
  assert.equal(parsePodDir('a_b_c_d'), null);
  assert.deepEqual(parseLogFileName('0.log'), { restart: 0, gz: false });
  assert.deepEqual(parseLogFileName('3.log.20261202-052321'), { restart: 3, rotated: '20261202-052321', gz: false });
  assert.deepEqual(parseLogFileName('3.log.20261202-052321.gz'), { restart: 3, rotated: '20261202-052321', gz: true });
  for (const n of ['0.log.20261202-052321.gz.tmp', '0.log.gz', 'x.log', '0.log.tmp', '.0.log']) assert.equal(parseLogFileName(n), null, n);
  const dir = parsePodDir('shop_web-1_u-1')!;
  const info = podContainerInfo(dir, 'shop_web-1_u-1', 'app', 2, { labels: { app: 'web', 'sluice.routes': 'label' }, annotations: { 'sluice.routes': 'annotation', 'sluice.tags': 't', unrelated: 'x' }, images: { app: 'nginx' } });
  assert.deepEqual(info.labels, { app: 'web', 'sluice.routes': 'annotation', 'sluice.tags': 't' });
  assert.equal(info.image, 'nginx');
  assert.deepEqual(info.k8s, { namespace: 'shop', pod: 'web-1', container: 'app', pod_uid: 'u-1', restart: 2 });
  const t = compileTemplate('{{ k8s.namespace }}/{{ k8s.pod }}/{{ k8s.container }} uid={{ k8s.pod_uid }} restart={{ k8s.restart }}');
  assert.equal(t.render({ container: info, host: 'h' }), 'shop/web-1/app uid=u-1 restart=2');
});

test('property: the position never passes a line some route still holds, and reaches the last line once all settle', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(3), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 200 }), (routes, order) => {
      const t = new OffsetTracker<string>();
      // Each line i ends at offset 10*(i+1); `routes[i]` routes retain it.
      const holds: number[] = [];
      routes.forEach((n, i) => {
        const seq = t.add('f', 10 * (i + 1), `t${i}`);
        for (let r = 0; r < n; r++) t.retain('stdout', seq);
        t.settle('stdout', seq); // the dispatcher's hold
        for (let r = 0; r < n; r++) holds.push(seq);
      });
      // Settle the route holds in a random order, checking the invariant after each.
      const pending = [...holds];
      for (const o of order) {
        if (pending.length === 0) break;
        const [seq] = pending.splice(o % pending.length, 1);
        t.settle('stdout', seq!);
        const firstHeld = pending.length ? Math.min(...pending) : routes.length;
        const pos = t.position?.offset ?? 0;
        assert.ok(pos <= 10 * firstHeld, `position ${pos} passed held line ${firstHeld}`);
        assert.equal(pos, 10 * firstHeld);
      }
      for (const seq of pending) t.settle('stdout', seq);
      assert.equal(t.position?.offset, 10 * routes.length);
      assert.equal(t.outstanding, 0);
      assert.equal(t.anomalies, 0);
    }),
    { numRuns: 300 },
  );
});

test('a settle that matches no hold is counted, not thrown; mark moves the position once what is before it is done', () => {
  const t = new OffsetTracker<string>();
  const a = t.add('f1', 10, 'x');
  t.retain('stdout', a);
  t.settle('stdout', a);
  t.mark('f2', 0);
  assert.equal(t.position, undefined);
  t.settle('stdout', a);
  assert.deepEqual(t.position, { file: 'f2', offset: 0 });
  t.settle('stdout', a);
  t.settle('stdout', 99);
  assert.equal(t.anomalies, 2);
});

test('files.json: written atomically, read back; a corrupt file is moved aside and sluice starts without it', async () => {
  const dir = tempDir('sluice-state-');
  const logger = createLogger('silent');
  const s1 = new FileCheckpointStore({ dir, clock: systemClock, logger });
  await s1.load();
  const id = { dev: 1, ino: 2, fp: 'ab', fpLen: 2, name: '0.log', firstTime: '2026-12-02T05:00:00.000000000Z' };
  s1.updateLazy('ns_p_u/c/0', async () => ({ file: id, offset: 42 }));
  await s1.flush();
  assert.deepEqual(readdirSync(dir), ['files.json'], 'no temp file left');
  const s2 = new FileCheckpointStore({ dir, clock: systemClock, logger });
  await s2.load();
  assert.deepEqual(s2.get('ns_p_u/c/0')?.file, id);
  assert.equal(s2.get('ns_p_u/c/0')?.offset, 42);
  writeFileSync(join(dir, 'files.json'), '{"version":1,"runs":{"x":{"offset":-1}}}');
  const s3 = new FileCheckpointStore({ dir, clock: systemClock, logger });
  await s3.load();
  assert.equal(s3.size, 0);
  assert.ok(!existsSync(join(dir, 'files.json')));
  assert.ok(readdirSync(dir).some((f) => f.startsWith('files.json.corrupt-')));
});
