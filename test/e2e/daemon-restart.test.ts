/**
 * The Docker daemon restarted under a running agent (live-restore keeps the container printing):
 * sluice reconnects, re-lists, resumes the container from its read cursor, and no line is missing
 * or repeated. Uses an engine of its own so other test files keep theirs.
 *
 * The container goes on printing while the engine is down and exits only after the engine is back:
 * a container that exits while dockerd is down loses what it printed meanwhile in the engine itself
 * (measured: `docker logs` then holds 97 of 500 lines), which no reader can recover.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { IMAGE, waitFor } from '../helpers/docker.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';

const root = `/tmp/sluice-rst-${process.pid}`;
const envScript = join(REPO, 'scripts', 'test-env.sh');
const env = { ...process.env, SLUICE_TEST_ENV_DIR: root };
const sh = (verb: string) => execFileSync('bash', [envScript, verb], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const signal = mkdtempSync(join(tmpdir(), 'sluice-rst-go-'));
let sluice: SluiceProcess | undefined;

after(async () => {
  await sluice?.stop('SIGKILL');
  sh('down');
  rmSync(signal, { recursive: true, force: true });
});

test('the private dockerd restarted while a container prints numbered lines: no line missing, none twice', async (t) => {
  sh('up');
  const docker = new Docker({ socketPath: `${root}/docker.sock` });
  sluice = new SluiceProcess(
    writeConfig(`
version: 1
docker: { host: "unix://${root}/docker.sock" }
state_dir: null
api: null
routes:
  - name: out
    destination: { type: console, format: json }
`),
  );
  assert.ok(await waitFor(() => sluice!.stderr.includes('Connected to the Docker engine'), 20_000), sluice.stderr);
  const N = 500;
  const c = await docker.createContainer({
    Image: IMAGE,
    name: 'numbered',
    // Prints through the engine's absence; holds its last lines until the engine is back (/go/go).
    Cmd: ['/bin/sh', '-c', `i=0; while [ $i -lt ${N} ]; do i=$((i+1)); echo n-$i; usleep 10000; if [ $i -eq ${N - 100} ]; then while [ ! -f /go/go ]; do usleep 20000; done; fi; done`],
    HostConfig: { NetworkMode: 'none', Binds: [`${signal}:/go:ro`] },
  });
  await c.start();
  const lines = () => sluice!.records().filter((r) => r.container.name === 'numbered').map((r) => r.line as string);
  assert.ok(await waitFor(() => lines().length >= 50, 15_000), 'lines before the restart');
  sh('stop-daemon');
  await new Promise((r) => setTimeout(r, 1500));
  sh('start-daemon');
  writeFileSync(join(signal, 'go'), '');
  const complete = await waitFor(() => lines().length >= N, 40_000);
  await c.wait();
  await new Promise((r) => setTimeout(r, 500));
  // The contract: every line the engine holds, in order, none twice. Across its own restart the
  // engine can drop a line that no reader could get back; its log says which lines it has.
  const held = (await c.logs({ stdout: true, stderr: true, follow: false })).toString('latin1');
  const inEngine = [...held.matchAll(/n-(\d+)\n/g)].map((m) => `n-${m[1]}`);
  const all = Array.from({ length: N }, (_, i) => `n-${i + 1}`);
  const missing = (have: string[]) => {
    const got = new Set(have);
    return all.filter((l) => !got.has(l)).slice(0, 10).join(', ') || 'none';
  };
  if (inEngine.length < N) t.diagnostic(`the engine's log holds ${inEngine.length} of ${N} lines; missing there: ${missing(inEngine)}`);
  assert.deepEqual(
    lines(),
    inEngine,
    `got ${lines().length} of ${N}${complete ? '' : ' (not all within 40 s)'}; missing: ${missing(lines())}; the engine's log holds ${inEngine.length}, missing there: ${missing(inEngine)}; the agent's log:\n${sluice.stderr.slice(-4000)}`,
  );
  assert.ok(inEngine.length >= N - 2, `the engine kept only ${inEngine.length} of ${N} lines`);
  assert.ok(sluice.stderr.includes('Lost the Docker engine'), 'the agent saw the engine go away');
});
