/**
 * The Podman Quadlet units mount the API socket's directory where sluice looks, and the config directory. (The
 * Kubernetes, Compose, Swarm and ECS examples are checked in test/deploy/.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', '..', 'deploy');

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

test('the Podman Quadlet units mount the rootful / rootless API socket\'s directory where sluice looks, and the config directory', () => {
  for (const [f, socket, config, target] of [
    ['podman/sluice.container', '/run/podman', '/etc/sluice', 'multi-user.target'],
    ['podman/sluice-rootless.container', '%t/podman', '%h/.config/sluice', 'default.target'],
  ] as const) {
    const u = unit(f);
    const c = u.Container!;
    const volumes = c.Volume!.map((v) => v.split(':'));
    // The socket's directory (read-only), so the socket is at /run/podman/podman.sock: never the
    // socket file, which podman.socket recreates on restart (see socket-mounts.test.ts).
    assert.ok(volumes.some(([src, dst, mode]) => src === socket && dst === '/run/podman' && mode === 'ro'), `${f}: the API socket's directory at /run/podman`);
    assert.deepEqual(c.Environment!.filter((e) => e.startsWith('DOCKER_HOST=')), ['DOCKER_HOST=unix:///run/podman/podman.sock']);
    assert.ok(volumes.some(([src, dst]) => src === config && dst === '/etc/sluice'), `${f}: the config directory (not a file) at /etc/sluice`);
    assert.ok(volumes.some(([src, dst]) => src === 'sluice-state.volume' && dst === '/var/lib/sluice'), `${f}: the state volume`);
    assert.equal(c.Image!.length, 1);
    assert.ok(u.Unit!.Wants!.join(' ').includes('podman.socket'));
    assert.deepEqual(u.Install!.WantedBy, [target]);
    assert.ok(Number(u.Service!.TimeoutStopSec![0]) > 10, 'stop timeout above shutdown_timeout');
  }
  assert.deepEqual(unit('podman/sluice-state.volume').Volume!.VolumeName, ['sluice-state']);
});
