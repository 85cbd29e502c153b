/**
 * The Podman Quadlet units mount the API socket where sluice looks and the config directory. (The
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
