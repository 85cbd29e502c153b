/**
 * Issue 11, "Must show" 1: the image, built from this repository with the unchanged Dockerfile
 * (through the stand-in base: scripts/node-base-image.sh), run against the private engine the way
 * the README's `docker run` line runs it: non-root, the socket's DIRECTORY mounted read-only at
 * /host/run, the config directory at /etc/sluice, a named volume for /var/lib/sluice, --group-add of
 * the socket's group. Differences from the README line, and why: `--network host` (this engine has no
 * bridge network; the HTTP destination is a server on 127.0.0.1) and `--health-interval 2s` (the
 * Dockerfile's 30 s would make the test wait a minute for `healthy`; the check command is the image's).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TestDocker, DOCKER_HOST, hasDocker, waitFor } from '../helpers/docker.js';
import { REPO } from '../helpers/sluice-process.js';
import { IngestServer } from '../helpers/ingest-server.js';
import { freePort } from '../helpers/net.js';
import { TAG, VERSION, buildImage, docker, dockerOk, socketDir } from '../helpers/image.js';

const td = new TestDocker();
const SOCKET = new URL(DOCKER_HOST).pathname;
let sockDir = '';
const volume = `sluice-state-${td.runId}`;
const sluices: string[] = [];
let ingest: IngestServer | undefined;

before(async () => {
  if (!hasDocker) return;
  sockDir = socketDir(SOCKET);
  await buildImage();
});

after(async () => {
  for (const n of sluices) await docker(['rm', '-f', n]);
  await docker(['volume', 'rm', '-f', volume]);
  await ingest?.close();
  await td.cleanup();
});

/** `docker run -d` of the image as the README says, with the test's two differences (see the top). */
async function runSluice(name: string, confDir: string, stateMount: string): Promise<void> {
  sluices.push(name);
  await dockerOk([
    'run', '-d', '--name', name,
    '--label', `sluice.test=${td.runId}`, // so its own lines would match the route, if it collected them
    '--group-add', String(statSync(SOCKET).gid),
    '-v', `${sockDir}:/host/run:ro`, // /var/run in the README (see socketDir)
    '-v', `${confDir}:/etc/sluice:ro`,
    '-v', `${stateMount}:/var/lib/sluice`,
    '--network', 'host', '--health-interval', '2s',
    TAG,
  ]);
}

const inspect = async (name: string) => JSON.parse(await dockerOk(['inspect', name]))[0] as any;
const logsOf = async (name: string) => {
  const r = await docker(['logs', name]);
  return { stdout: r.stdout, stderr: r.stderr };
};

test('the image: labels, non-root, nothing the runtime never uses', { skip: !hasDocker }, async (t) => {
  const img = JSON.parse(await dockerOk(['image', 'inspect', TAG]))[0];
  assert.equal(img.Config.User, '10001:10001');
  assert.equal(img.Config.Labels['org.opencontainers.image.version'], VERSION, 'the label follows package.json');
  assert.equal(img.Config.Labels['org.opencontainers.image.title'], 'sluice');
  assert.equal(img.Config.StopSignal, 'SIGTERM');
  for (const e of ['LOGSPOUT=ignore', 'DOCKER_HOST=unix:///host/run/docker.sock', 'NODE_ENV=production']) assert.ok(img.Config.Env.includes(e), e);
  assert.deepEqual(img.Config.Healthcheck.Test.slice(0, 4), ['CMD', 'node', '/app/bin/sluice.js', 'health']);
  const probe = await dockerOk([
    'run', '--rm', '--network', 'none', '--entrypoint', 'node', TAG, '-e',
    `const fs = require('node:fs');
     const has = (p) => fs.existsSync(p);
     console.log(JSON.stringify({
       version: process.versions.node.split('.')[0], uid: process.getuid(),
       npm: has('/usr/local/lib/node_modules/npm') || has('/usr/local/bin/npm'), yarn: has('/usr/local/bin/yarn') || has('/opt/yarn'),
       corepack: has('/usr/local/bin/corepack'), shell: has('/bin/sh'), src: has('/app/src'),
       typescript: has('/app/node_modules/typescript'), tsx: has('/app/node_modules/tsx'), dist: has('/app/dist/bundle/main.js') && !has('/app/dist/src'),
       schema: has('/app/schema/sluice.schema.json'), stateOwner: fs.statSync('/var/lib/sluice').uid,
     }));`,
  ]);
  assert.deepEqual(JSON.parse(probe), {
    version: '24', uid: 10001, npm: false, yarn: false, corepack: false, shell: false, src: false,
    typescript: false, tsx: false, dist: true, schema: true, stateOwner: 10001,
  });
  const size = (s: number) => `${(s / 1e6).toFixed(1)} MB`;
  const base = JSON.parse(await dockerOk(['image', 'inspect', 'node:24-bookworm-slim']))[0];
  t.diagnostic(`image ${TAG}: ${size(img.Size)}; base node:24-bookworm-slim (stand-in): ${size(base.Size)}`);
  const history = await dockerOk(['history', '--no-trunc', '--format', '{{.Size}}\t{{.CreatedBy}}', TAG]);
  for (const row of history.trim().split('\n')) if (!row.startsWith('0B')) t.diagnostic(`  ${row.slice(0, 110)}`);
});

test('as the README runs it: lines arrive, healthy, docker stop drains in the grace period, a replacement resumes with 0 lost and 0 repeated, its own lines never collected', { skip: !hasDocker, timeout: 240_000 }, async (t) => {
  ingest = await IngestServer.start();
  const apiPort = await freePort();
  const confDir = mkdtempSync(join(tmpdir(), 'sluice-image-conf-'));
  chmodSync(confDir, 0o755);
  writeFileSync(
    join(confDir, 'sluice.yaml'),
    `version: 1
api: { listen: "127.0.0.1:${apiPort}" }
shutdown_timeout: 10s
routes:
  - name: ingest
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: http, url: "${ingest.url}" }
    flush: { interval: 200ms, max_lines: 200 }
`,
    { mode: 0o644 },
  );
  await dockerOk(['volume', 'create', volume]);
  const s1 = `sluice-a-${td.runId}`;
  await runSluice(s1, confDir, volume);
  assert.ok(await waitFor(async () => (await logsOf(s1)).stderr.includes('Connected to the Docker engine'), 60_000), `sluice did not connect:\n${(await logsOf(s1)).stderr}`);

  const writer = td.name('writer');
  await td.run({ name: writer, script: 'i=0; while true; do i=$((i+1)); echo "w$i"; sleep 0.05; done' });
  assert.ok(await waitFor(() => ingest!.count(writer) >= 20, 60_000), 'lines from the writer arrive');
  assert.ok(await waitFor(async () => (await inspect(s1)).State.Health?.Status === 'healthy', 60_000), `never healthy: ${JSON.stringify((await inspect(s1)).State.Health)}`);

  // docker stop: SIGTERM, drain, exit 0 well within the grace period (no SIGKILL: exit code 137).
  const t0 = Date.now();
  await dockerOk(['stop', '-t', '30', s1], { timeoutMs: 60_000 });
  const stopMs = Date.now() - t0;
  const st = (await inspect(s1)).State;
  t.diagnostic(`docker stop took ${stopMs} ms; exit code ${st.ExitCode}`);
  assert.equal(st.ExitCode, 0, (await logsOf(s1)).stderr.slice(-2000));
  assert.ok(stopMs < 30_000, 'within the grace period');
  const atStop = ingest.count(writer);

  // Lines written while no sluice runs are read by the replacement, from the checkpoint on the volume.
  await new Promise((r) => setTimeout(r, 2_000));
  const s2 = `sluice-b-${td.runId}`;
  await runSluice(s2, confDir, volume);
  assert.ok(await waitFor(() => ingest!.count(writer) > atStop + 60, 60_000), 'the replacement delivers');
  await dockerOk(['stop', '-t', '1', writer]);
  const written = (await logsOf(writer)).stdout.trim().split('\n');
  assert.ok(await waitFor(() => ingest!.count(writer) >= written.length, 60_000), `delivered ${ingest.count(writer)} of ${written.length}`);
  await new Promise((r) => setTimeout(r, 1_000)); // a late duplicate would show here
  const got = ingest.texts(writer);
  t.diagnostic(`writer wrote ${written.length} lines; delivered ${got.length} (${atStop} before the stop), ${ingest.duplicates(writer)} repeated`);
  assert.deepEqual(got, written, '0 lost, 0 repeated, in order');
  assert.equal(ingest.duplicates(writer), 0);

  // sluice's own output (it logs to stderr, and carries the route's label) never came back.
  assert.ok((await logsOf(s2)).stderr.length > 0, 'sluice did log');
  assert.equal(ingest.count(s1), 0);
  assert.equal(ingest.count(s2), 0);
  await dockerOk(['stop', '-t', '30', s2], { timeoutMs: 60_000 });
  assert.equal((await inspect(s2)).State.ExitCode, 0);
});

test('a root-owned state directory (what a hostPath gives): /readyz says why, stderr holds one error line, the process keeps running; the manifests\' init command fixes it', { skip: !hasDocker, timeout: 180_000 }, async () => {
  const rootOwned = mkdtempSync(join(tmpdir(), 'sluice-image-rootstate-'));
  chmodSync(rootOwned, 0o755); // owned by root (the tests run as root), as DirectoryOrCreate makes it
  const confDir = mkdtempSync(join(tmpdir(), 'sluice-image-conf-'));
  chmodSync(confDir, 0o755);
  const apiPort = await freePort();
  writeFileSync(
    join(confDir, 'sluice.yaml'),
    `version: 1
api: { listen: "127.0.0.1:${apiPort}" }
routes:
  - name: out
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: console }
`,
    { mode: 0o644 },
  );
  const writer = td.name('writer-root');
  await td.run({ name: writer, script: 'i=0; while true; do i=$((i+1)); echo "r$i"; sleep 0.05; done' });
  const s = `sluice-root-${td.runId}`;
  await runSluice(s, confDir, rootOwned);
  assert.ok(await waitFor(async () => (await logsOf(s)).stdout.includes(' | r20'), 60_000), `lines are still read and delivered:\n${(await logsOf(s)).stderr}`);
  const ready = await docker(['exec', s, 'node', '/app/bin/sluice.js', 'health', '--ready', '--config', '/etc/sluice/sluice.yaml']);
  assert.equal(ready.code, 1);
  assert.match(ready.stderr, /503: state_dir \/var\/lib\/sluice is not writable by uid 10001 \(EACCES\)/);
  const metrics = await (await fetch(`http://127.0.0.1:${apiPort}/metrics`)).text();
  assert.match(metrics, /^sluice_state_dir_writable 0$/m);
  assert.match(metrics, /^sluice_checkpoint_write_failures_total [1-9]/m);
  // Checkpoint writes keep failing (one attempt a second while lines flow): still one error line.
  await new Promise((r) => setTimeout(r, 5_000));
  const errors = (await logsOf(s)).stderr.split('\n').filter((l) => l.includes('state_dir'));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0]!, /"level":"error"/);
  assert.ok(!errors[0]!.includes('    at '), 'no stack trace');
  assert.equal((await inspect(s)).State.Running, true);
  assert.equal((await logsOf(s)).stdout.includes(s), false, 'its own lines are not collected');

  // The shipped fix (deploy/kubernetes' init container, ECS's state-owner): its command, run as the
  // manifest runs it (root with CAP_CHOWN only, read-only root), makes the directory sluice's.
  await dockerOk(['rm', '-f', s]);
  const ds = parseAllDocuments(readFileSync(join(REPO, 'deploy', 'kubernetes', 'daemonset.yaml'), 'utf8'))[0]!.toJS();
  const init = ds.spec.template.spec.initContainers.find((c: any) => c.name === 'state-owner');
  const [cmd, ...args] = init.command as string[];
  await dockerOk(['run', '--rm', '--network', 'none', '--user', '0:0', '--cap-drop', 'ALL', '--cap-add', 'CHOWN', '--read-only', '-v', `${rootOwned}:/var/lib/sluice`, '--entrypoint', cmd!, TAG, ...args]);
  assert.equal(statSync(rootOwned).uid, 10001);
  const s2 = `sluice-root2-${td.runId}`;
  await runSluice(s2, confDir, rootOwned);
  assert.ok(
    await waitFor(async () => (await docker(['exec', s2, 'node', '/app/bin/sluice.js', 'health', '--ready', '--config', '/etc/sluice/sluice.yaml'])).code === 0, 60_000),
    (await logsOf(s2)).stderr,
  );
  assert.ok(await waitFor(() => existsSync(join(rootOwned, 'checkpoints.json')), 30_000), 'checkpoints are written');
  assert.equal((await logsOf(s2)).stderr.includes('"level":"error"'), false, 'no error');
});
