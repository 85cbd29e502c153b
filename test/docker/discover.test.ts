/**
 * Engine discovery (docker/discover.ts): with no docker.host and no DOCKER_HOST, Docker's socket,
 * then Podman's rootful socket, then the rootless one, the first that exists as a socket.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSocket, pickHost, podmanSockets } from '../../src/docker/discover.js';
import { loadConfigText } from '../../src/config/load.js';

const DOCKER = 'unix:///var/run/docker.sock';
const ROOTFUL = 'unix:///run/podman/podman.sock';
const ROOTLESS = 'unix:///run/user/1000/podman/podman.sock';
const cfg = { host: DOCKER, fallbacks: [ROOTFUL, ROOTLESS] };
const present = (...paths: string[]) => async (p: string) => paths.includes(p);

test('order: Docker\'s socket, then rootful Podman, then rootless Podman; none present: Docker\'s (its error names it)', async () => {
  assert.equal(await pickHost(cfg, present('/var/run/docker.sock', '/run/podman/podman.sock', '/run/user/1000/podman/podman.sock')), DOCKER);
  assert.equal(await pickHost(cfg, present('/run/podman/podman.sock', '/run/user/1000/podman/podman.sock')), ROOTFUL);
  assert.equal(await pickHost(cfg, present('/run/user/1000/podman/podman.sock')), ROOTLESS);
  assert.equal(await pickHost(cfg, present()), DOCKER);
});

test('an engine named by the config or DOCKER_HOST is never replaced', async () => {
  assert.equal(await pickHost({ host: 'unix:///x.sock' }, present('/run/podman/podman.sock')), 'unix:///x.sock');
  assert.equal(await pickHost({ host: 'tcp://h:2375', fallbacks: [ROOTFUL] }, present('/run/podman/podman.sock')), 'tcp://h:2375');
});

test('the fallbacks come from the environment only when neither docker.host nor DOCKER_HOST is set', async () => {
  const base = 'version: 1\nroutes: []\n';
  const load = async (text: string, env: Record<string, string>) => {
    const r = await loadConfigText(text, 't', env);
    assert.ok(r.ok);
    return r.config.docker;
  };
  assert.deepEqual((await load(base, { XDG_RUNTIME_DIR: '/run/user/1000' })).fallbacks, [ROOTFUL, ROOTLESS]);
  assert.deepEqual((await load(base, {})).fallbacks, [ROOTFUL]);
  assert.equal((await load(base, { DOCKER_HOST: 'unix:///d.sock', XDG_RUNTIME_DIR: '/run/user/1000' })).fallbacks, undefined);
  assert.equal((await load(`docker: { host: "unix:///x.sock" }\n${base}`, {})).fallbacks, undefined);
  assert.deepEqual(podmanSockets({ XDG_RUNTIME_DIR: 'relative/dir' }), [ROOTFUL], 'a relative XDG_RUNTIME_DIR is ignored');
});

test('isSocket: a listening unix socket yes; a plain file or a missing path no', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-discover-'));
  const server = createServer();
  try {
    const sock = join(dir, 's.sock');
    await new Promise<void>((r) => server.listen(sock, r));
    writeFileSync(join(dir, 'file.sock'), '');
    assert.equal(await isSocket(sock), true);
    assert.equal(await isSocket(join(dir, 'file.sock')), false);
    assert.equal(await isSocket(join(dir, 'missing.sock')), false);
    // With the real probe, a present rootless socket is picked when the others are absent.
    assert.equal(await pickHost({ host: `unix://${dir}/missing.sock`, fallbacks: [`unix://${dir}/file.sock`, `unix://${sock}`] }), `unix://${sock}`);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
