/**
 * The deployment examples stay true: the ConfigMap's sluice.yaml and the Compose config pass
 * `sluice validate`'s loader, the DaemonSet mounts the config as a directory (never subPath, which
 * never sees ConfigMap updates), runs as non-root and probes /healthz and /readyz.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfigText, formatConfigError } from '../src/config/load.js';

const dir = join(import.meta.dirname, '..', 'deploy');
const docs = (f: string) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS());

test('the ConfigMap sluice.yaml is a valid sluice config', async () => {
  const [cm] = docs('kubernetes/configmap.yaml');
  const r = await loadConfigText(cm.data['sluice.yaml'], 'configmap:sluice.yaml', { NODE_NAME: 'node-1', SLUICE_API_TOKEN: 't' }, {
    readText: async () => 'key-from-secret',
  });
  assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
});

test('the Compose config is valid', async () => {
  const r = await loadConfigText(readFileSync(join(dir, 'compose/conf/sluice.yaml'), 'utf8'), 'compose', {});
  assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
});

test('the DaemonSet mounts the config directory without subPath, non-root, with probes', () => {
  const [ds] = docs('kubernetes/daemonset.yaml');
  const pod = ds.spec.template.spec;
  const c = pod.containers[0];
  const cfgMount = c.volumeMounts.find((m: any) => m.name === 'config');
  assert.equal(cfgMount.mountPath, '/etc/sluice');
  assert.equal(cfgMount.subPath, undefined);
  for (const m of c.volumeMounts) assert.equal(m.subPath, undefined, `${m.name} uses subPath`);
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(c.livenessProbe.httpGet.path, '/healthz');
  assert.equal(c.readinessProbe.httpGet.path, '/readyz');
  assert.ok(pod.terminationGracePeriodSeconds > 10, 'grace period above shutdown_timeout');
  assert.equal(ds.spec.selector.matchLabels['app.kubernetes.io/name'], ds.spec.template.metadata.labels['app.kubernetes.io/name']);
});

/** A Quadlet/systemd unit file → section → key → values (keys may repeat). */
function unit(f: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const raw of readFileSync(join(dir, f), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    assert.ok(section && eq > 0, `${f}: not a key=value line in a section: ${line}`);
    (out[section]![line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return out;
}

test('the Podman Quadlet units mount the rootful / rootless API socket where sluice looks, and the config directory', () => {
  for (const [f, socket, config, target] of [
    ['podman/sluice.container', '/run/podman/podman.sock', '/etc/sluice', 'multi-user.target'],
    ['podman/sluice-rootless.container', '%t/podman/podman.sock', '%h/.config/sluice', 'default.target'],
  ] as const) {
    const u = unit(f);
    const c = u.Container!;
    const volumes = c.Volume!.map((v) => v.split(':'));
    assert.ok(volumes.some(([src, dst]) => src === socket && dst === '/run/podman/podman.sock'), `${f}: the API socket at /run/podman/podman.sock`);
    assert.ok(volumes.some(([src, dst]) => src === config && dst === '/etc/sluice'), `${f}: the config directory (not a file) at /etc/sluice`);
    assert.ok(volumes.some(([src, dst]) => src === 'sluice-state.volume' && dst === '/var/lib/sluice'), `${f}: the state volume`);
    assert.equal(c.Image!.length, 1);
    assert.ok(u.Unit!.Wants!.join(' ').includes('podman.socket'));
    assert.deepEqual(u.Install!.WantedBy, [target]);
    assert.ok(Number(u.Service!.TimeoutStopSec![0]) > 10, 'stop timeout above shutdown_timeout');
  }
  assert.deepEqual(unit('podman/sluice-state.volume').Volume!.VolumeName, ['sluice-state']);
});
