/**
 * Issue 11, Compose: `docker-compose config` (Debian's docker-compose v1) accepts every compose file
 * in deploy/, and the main one (deploy/compose) comes `up` on the private engine with the image built
 * from this repository and delivers a writer container's lines, named by the host's /etc/hostname.
 * The test's override file changes only what this machine needs: the config directory (a console
 * route in JSON, so the records' host shows) and `network_mode: none` (the engine has no bridge).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDocker, DOCKER_HOST, hasDocker, waitFor } from '../helpers/docker.js';
import { REPO } from '../helpers/sluice-process.js';
import { buildImage, docker, phases, run, socketDir, TAG } from '../helpers/image.js';

const td = new TestDocker();
const project = `sluice-compose-${td.runId}`;
const SOCKET = new URL(DOCKER_HOST).pathname;
const composeEnv = { DOCKER_HOST, DOCKER_GID: String(statSync(SOCKET).gid), DOCKER_SOCKET_DIR: '/var/run' };
let composeArgs: string[] = [];

const compose = (args: string[], timeoutMs = 120_000) => run('docker-compose', [...composeArgs, ...args], { env: composeEnv, timeoutMs, cwd: join(REPO, 'deploy', 'compose') });

after(async () => {
  if (composeArgs.length) await compose(['down', '-v', '--remove-orphans']);
  await td.cleanup();
});

test('docker-compose config accepts every compose file in deploy/', async () => {
  for (const f of ['compose/docker-compose.yml', 'socket-proxy/docker-compose.yml', 'swarm/docker-stack.yml']) {
    const r = await run('docker-compose', ['-f', join(REPO, 'deploy', f), 'config'], { env: composeEnv, timeoutMs: 60_000 });
    assert.equal(r.code, 0, `${f}:\n${r.stderr}`);
    if (f.endsWith('docker-compose.yml')) {
      assert.match(r.stdout, new RegExp(`image: ${TAG.replace('.', '\\.')}`), `${f} names the versioned image`);
      assert.match(r.stdout, /build:/, `${f} builds it`);
    }
  }
});

test('deploy/compose comes up with the image built here and delivers lines named by the host', { skip: !hasDocker, timeout: 900_000 }, async (t) => {
  const phase = phases(t);
  const built = await buildImage();
  phase(`image ready (build ${built.ms} ms)`);
  composeEnv.DOCKER_SOCKET_DIR = socketDir(SOCKET);
  const confDir = mkdtempSync(join(tmpdir(), 'sluice-compose-conf-'));
  chmodSync(confDir, 0o755);
  writeFileSync(
    join(confDir, 'sluice.yaml'),
    `version: 1
hostname: \${file:/etc/host_hostname}
routes:
  - name: console
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: console, format: json }
`,
    { mode: 0o644 },
  );
  const override = join(confDir, 'override.yml');
  writeFileSync(override, `services:\n  sluice:\n    network_mode: none\n    volumes:\n      - ${confDir}:/etc/sluice:ro\n`);
  composeArgs = ['-p', project, '-f', join(REPO, 'deploy', 'compose', 'docker-compose.yml'), '-f', override];
  const up = await compose(['up', '-d', '--no-build'], 300_000);
  assert.equal(up.code, 0, up.stderr);
  phase('compose up');
  const id = (await compose(['ps', '-q', 'sluice'])).stdout.trim();
  assert.ok(id, 'the service runs');
  // The writer starts once sluice has connected: a container created before sluice first ran is read
  // from `containers.backfill` (none: from now on), so lines printed while sluice was starting are
  // not expected (the race that kept the Swarm test from passing).
  const stderrOf = async () => (await docker(['logs', id])).stderr;
  assert.ok(await waitFor(async () => (await stderrOf()).includes('Connected to the Docker engine'), 60_000), `sluice did not connect:\n${(await stderrOf()).slice(-2000)}`);
  phase('sluice connected');

  const writer = td.name('compose-writer');
  await td.run({ name: writer, script: 'for i in $(seq 1 50); do echo "c$i"; done; sleep 600' });
  const records = async () =>
    (await docker(['logs', id])).stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { line: string; host: string; container: { name: string } })
      .filter((r) => r.container.name === writer);
  phase('writer started');
  assert.ok(await waitFor(async () => (await records()).length >= 50, 90_000), `lines did not arrive:\n${(await docker(['logs', id])).stderr.slice(-2000)}`);
  const recs = await records();
  assert.deepEqual(recs.map((r) => r.line), Array.from({ length: 50 }, (_, i) => `c${i + 1}`));
  const hostName = readFileSync('/etc/hostname', 'utf8').trim();
  assert.deepEqual([...new Set(recs.map((r) => r.host))], [hostName], "records carry the host's name, not the container id");
  const state = JSON.parse((await docker(['inspect', id])).stdout)[0].State;
  t.diagnostic(`compose container ${id.slice(0, 12)}: ${state.Status}, user ${JSON.parse((await docker(['inspect', id])).stdout)[0].Config.User}`);
});
