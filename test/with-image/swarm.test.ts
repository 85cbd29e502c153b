/**
 * Issue 11, Swarm: on an engine of its own (so swarm mode never touches the engine the other tests
 * share), `docker swarm init --advertise-addr 127.0.0.1`, then `docker stack deploy` of
 * deploy/swarm/docker-stack.yml with the image built from this repository: the global service's task
 * runs (as 10001 with the socket's group as its primary group: stack deploy has no group_add) and
 * delivers a writer container's lines. Afterwards the test removes the stack, leaves the swarm and
 * stops the engine it started. The override changes only the config (a console route in JSON).
 *
 * The writer starts only once the task's sluice has connected to the engine: a container created
 * before sluice first ran is an old one, read from `containers.backfill` (none: from now on), so a
 * writer that printed its lines while the task's node process was still starting lost them (what
 * kept this test opt-in: the task attached to the writer and printed nothing).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasDocker, waitFor } from '../helpers/docker.js';
import { REPO } from '../helpers/sluice-process.js';
import { buildImage, docker, dockerOk, phases, run, socketDir, TAG } from '../helpers/image.js';

const id = randomBytes(4).toString('hex');
const ROOT = `/tmp/sluice-swarm-${id}`;
const HOST = `unix://${ROOT}/docker.sock`;
const STACK = `sluice${id}`;
// Swarm mode refuses an engine started with --live-restore (the shared test engine's default).
const envDir = { SLUICE_TEST_ENV_DIR: ROOT, SLUICE_TEST_LIVE_RESTORE: '0' };
let started = false;
const temps: string[] = [];

before(async () => {
  if (!hasDocker) return;
  started = true;
  const up = await run('bash', ['scripts/test-env.sh', 'up'], { env: envDir, timeoutMs: 180_000 });
  assert.equal(up.code, 0, up.stderr);
});

after(async () => {
  if (!started) return;
  await docker(['stack', 'rm', STACK], { host: HOST });
  await docker(['swarm', 'leave', '--force'], { host: HOST });
  await run('bash', ['scripts/test-env.sh', 'down'], { env: envDir, timeoutMs: 120_000 });
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

test('docker stack deploy of deploy/swarm: the global task runs and delivers lines; the swarm is left afterwards', { skip: !hasDocker, timeout: 900_000 }, async (t) => {
  const phase = phases(t);
  const built = await buildImage();
  phase(`image ready (build ${built.ms} ms)`);
  const load = await run('bash', ['-c', `set -o pipefail; docker -H "$FROM" save "$TAG" | docker -H "$TO" load`], {
    env: { FROM: process.env.SLUICE_TEST_DOCKER_HOST ?? 'unix:///tmp/sluice-test-env/docker.sock', TO: HOST, TAG },
    timeoutMs: 300_000,
  });
  assert.equal(load.code, 0, load.stderr);
  phase('docker save | load');
  await dockerOk(['swarm', 'init', '--advertise-addr', '127.0.0.1'], { host: HOST, timeoutMs: 120_000 });
  phase('swarm init');

  const dir = mkdtempSync(join(tmpdir(), 'sluice-swarm-conf-'));
  temps.push(dir);
  chmodSync(dir, 0o755);
  writeFileSync(
    join(dir, 'sluice.yaml'),
    `version: 1
hostname: \${NODE_NAME:-}
routes:
  - name: console
    match: { labels: { sluice.test: "${id}" } }
    destination: { type: console, format: json }
`,
  );
  writeFileSync(join(dir, 'override.yml'), `version: "3.8"\nconfigs:\n  sluice-config:\n    file: ${join(dir, 'sluice.yaml')}\n`);
  const gid = String(statSync(`${ROOT}/docker.sock`).gid);
  const sockDir = socketDir(`${ROOT}/docker.sock`);
  temps.push(sockDir);
  const deploy = await run('docker', ['-H', HOST, 'stack', 'deploy', '-c', join(REPO, 'deploy', 'swarm', 'docker-stack.yml'), '-c', join(dir, 'override.yml'), STACK], {
    env: { DOCKER_GID: gid, DOCKER_SOCKET_DIR: sockDir },
    timeoutMs: 120_000,
  });
  assert.equal(deploy.code, 0, deploy.stderr);
  const service = `${STACK}_sluice`;
  const mode = (await dockerOk(['service', 'inspect', service, '--format', '{{json .Spec.Mode}}'], { host: HOST })).trim();
  assert.match(mode, /"Global"/);

  const taskContainer = async () => (await docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`], { host: HOST })).stdout.trim().split('\n')[0] ?? '';
  assert.ok(await waitFor(async () => (await taskContainer()) !== '', 120_000), (await docker(['service', 'ps', '--no-trunc', service], { host: HOST })).stdout);
  const task = await taskContainer();
  phase('stack deployed, task running');
  const inspected = JSON.parse(await dockerOk(['inspect', task], { host: HOST }))[0];
  assert.equal(inspected.Config.User, `10001:${gid}`);
  const stderrOf = async () => (await docker(['logs', task], { host: HOST })).stderr;
  assert.ok(await waitFor(async () => (await stderrOf()).includes('Connected to the Docker engine'), 60_000), `the task's sluice did not connect:\n${(await stderrOf()).slice(-2000)}`);

  phase('sluice connected');
  const writer = `swarm-writer-${id}`;
  await dockerOk(['run', '-d', '--name', writer, '--label', `sluice.test=${id}`, '--network', 'none', 'sluice-test-busybox:latest', 'sh', '-c', 'for i in $(seq 1 30); do echo "s$i"; done; sleep 600'], { host: HOST });
  const lines = async () =>
    (await docker(['logs', task], { host: HOST })).stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { line: string; host: string; container: { name: string } })
      .filter((r) => r.container.name === writer);
  assert.ok(await waitFor(async () => (await lines()).length >= 30, 90_000), `no lines:\n${(await docker(['logs', task], { host: HOST })).stderr.slice(-2000)}`);
  assert.deepEqual((await lines()).map((r) => r.line), Array.from({ length: 30 }, (_, i) => `s${i + 1}`));
  // hostname: ${NODE_NAME:-}, NODE_NAME: "{{.Node.Hostname}}": records are named by the node.
  const nodeName = (await dockerOk(['node', 'inspect', 'self', '--format', '{{.Description.Hostname}}'], { host: HOST })).trim();
  assert.deepEqual([...new Set((await lines()).map((r) => r.host))], [nodeName]);
  const health = (await dockerOk(['inspect', task, '--format', '{{.State.Health.Status}}'], { host: HOST })).trim();
  t.diagnostic(`task ${task.slice(0, 12)} user ${inspected.Config.User}, health ${health}, records named ${(await lines())[0]!.host}`);
  await docker(['rm', '-f', writer], { host: HOST });
});
