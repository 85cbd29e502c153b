/**
 * Issue 15, restarts on Podman, with a Podman API service of its own (scripts/test-podman.sh with
 * its own root) so restarting it disturbs no other test file:
 * - 20,000 lines written in well under two seconds (so thousands share each of Podman's
 *   whole-second timestamps) while the agent is killed with SIGKILL, then stopped gracefully: 0
 *   lost; the graceful restart repeats nothing; the SIGKILL restart repeats only what the server
 *   acknowledged after the checkpoint on disk was written.
 * - The Podman service stopped and started under a running agent (the container keeps printing:
 *   conmon owns it): the agent reconnects, resumes, 0 lost, none twice.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDocker, PODMAN_HOST_CONFIG, hasPodman, waitFor } from '../helpers/docker.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { IngestServer, missing } from '../helpers/ingest-server.js';
import type { StoredEntry } from '../../src/delivery/checkpoint.js';

// Podman refuses a run root longer than 50 characters: keep this short.
const root = `/tmp/sluice-pmr-${process.pid}`;
const host = `unix://${root}/podman.sock`;
const script = join(REPO, 'scripts', 'test-podman.sh');
const sh = (verb: string) => execFileSync('bash', [script, verb], { env: { ...process.env, SLUICE_TEST_PODMAN_DIR: root }, stdio: ['ignore', 'pipe', 'inherit'] });

let td: TestDocker;
let ingest: IngestServer;
let sluice: SluiceProcess | undefined;

describe('Podman: restarts', { skip: hasPodman ? false : 'SLUICE_TEST_NO_PODMAN=1' }, () => {
  before(async () => {
    sh('up');
    td = new TestDocker(host, PODMAN_HOST_CONFIG);
    ingest = await IngestServer.start();
  });

  after(async () => {
    await sluice?.stop('SIGKILL');
    await ingest?.close();
    sh('down');
  });

  const agentConfig = (stateDir: string) =>
    writeConfig(`
  version: 1
  docker: { host: "${host}" }
  state_dir: "${stateDir}"
  api: null
  routes:
    - name: ingest
      match: { labels: { sluice.test: "${td.runId}" } }
      destination: { type: http, url: "${ingest.url}", encoding: ndjson }
      flush: { interval: 100ms, max_lines: 500 }
  `);

  async function startAgent(cfg: string): Promise<void> {
    sluice = new SluiceProcess(cfg);
    assert.ok(await waitFor(() => sluice!.stderr.includes('Connected to the Docker engine'), 30_000), `sluice did not connect:\n${sluice.stderr}`);
  }

  function checkpointOf(stateDir: string, name: string): StoredEntry | undefined {
    const all = JSON.parse(readFileSync(join(stateDir, 'checkpoints.json'), 'utf8')).containers as Record<string, StoredEntry>;
    return Object.values(all).find((e) => e.name === name);
  }

  test('20,000 lines in under two seconds: SIGKILL mid-stream loses 0; a graceful restart repeats 0', async (t) => {
    const stateDir = mkdtempSync(join(tmpdir(), 'sluice-state-'));
    const cfg = agentConfig(stateDir);
    await startAgent(cfg);
    const name = td.name('burst');
    // 10,000 numbered lines on each stream at once, then a pause (the agent is killed and restarted
    // while the rest is read), then a second burst of 10,000 + 10,000 after the graceful restart.
    const burst = (from: number) => `(seq ${from} ${from + 9999} | sed 's/^/o/') & (seq ${from} ${from + 9999} | sed 's/^/e/' >&2) & wait`;
    const id = await td.run({ name, script: `${burst(1)}; while [ ! -e /tmp/go ]; do usleep 100000; done; ${burst(10001)}; sleep 1` });
    const count = () => ingest.count(name);

    // Mid-stream: once some lines are accepted, the server stops answering (batches stay in flight,
    // the route fills, reading pauses), and the agent is killed in that state.
    assert.ok(await waitFor(() => count() >= 3_000, 60_000), `stalled at ${count()}`);
    ingest.hang();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await sluice!.stop('SIGKILL'), null);
    ingest.accept();
    const atKill = count();
    const cp = checkpointOf(stateDir, name);
    t.diagnostic(`SIGKILL at ${atKill} of 20,000 lines accepted; checkpoint on disk: ${JSON.stringify(cp)}`);
    assert.ok(atKill < 20_000, 'killed before everything was delivered');
    await startAgent(cfg);
    assert.ok(await waitFor(() => ingest.distinct(name) >= 20_000, 60_000), `after SIGKILL: ${ingest.distinct(name)} of 20,000\n${sluice!.stderr.slice(-1500)}`);
    const killDups = ingest.duplicates(name);
    t.diagnostic(`re-sent after SIGKILL + restart: ${killDups}`);

    // Graceful: everything acknowledged reaches the checkpoint; the restart repeats nothing.
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(await sluice!.stop('SIGTERM'), 0, sluice!.stderr.slice(-2000));
    const afterStop = checkpointOf(stateDir, name);
    t.diagnostic(`checkpoint after SIGTERM: ${JSON.stringify(afterStop)}`);
    // Many lines share the last whole second: the count within it carries the resume.
    assert.ok((afterStop?.stdout?.count ?? 0) > 1 && (afterStop?.stderr?.count ?? 0) > 1, 'lines share whole seconds');
    await startAgent(cfg);
    // The second burst starts at once, while the restarted agent re-reads the first burst's last
    // second: with Podman 4.3.1's follow this lost up to 121 lines (docs/podman.md); sluice polls.
    await td.docker.getContainer(id).exec({ Cmd: ['touch', '/tmp/go'] }).then((e) => e.start({ Detach: true }));
    const report = () => {
      const mo = missing(ingest.texts(name, 'stdout'), 'o', 20_000);
      const me = missing(ingest.texts(name, 'stderr'), 'e', 20_000);
      const odd = ingest.lines(name).filter((l) => !/^[oe]\d+$/.test(l.line)).slice(0, 10);
      return `stdout missing ${mo.count} ${mo.first}, stderr missing ${me.count} ${me.first}; odd lines ${JSON.stringify(odd)}`;
    };
    assert.ok(await waitFor(() => ingest.distinct(name) >= 40_000, 30_000), `second burst: ${ingest.distinct(name)} of 40,000: ${report()}`);
    await td.wait(id);
    await new Promise((r) => setTimeout(r, 1_500));
    t.diagnostic(`accepted ${count()} lines for 40,000 written; duplicates ${ingest.duplicates(name)}`);
    assert.equal(missing(ingest.texts(name, 'stdout'), 'o', 20_000).count, 0);
    assert.equal(missing(ingest.texts(name, 'stderr'), 'e', 20_000).count, 0);
    assert.equal(ingest.distinct(name), 40_000);
    assert.equal(ingest.duplicates(name), killDups, 'the graceful restart re-sent lines');
    assert.ok(killDups <= 10 * 500, `the SIGKILL restart re-sent ${killDups} lines`);
  });

  test('the Podman service restarted while the agent runs: it reconnects and resumes, no line missing, none twice', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'sluice-state-'));
    await sluice?.stop('SIGKILL');
    await startAgent(agentConfig(stateDir));
    const name = td.name('numbered');
    const N = 400;
    await td.run({ name, script: `i=0; while [ $i -lt ${N} ]; do i=$((i+1)); echo n-$i; echo m-$i >&2; usleep 10000; done` });
    assert.ok(await waitFor(() => ingest.count(name) >= 50, 20_000), 'lines before the restart');
    sh('stop-service');
    assert.ok(await waitFor(() => sluice!.stderr.includes('Lost the Docker engine'), 10_000), 'the agent saw the service go away');
    await new Promise((r) => setTimeout(r, 1_000));
    sh('start-service');
    assert.ok(await waitFor(() => ingest.distinct(name) >= 2 * N, 40_000), `got ${ingest.distinct(name)} of ${2 * N}\n${sluice!.stderr.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 1_000));
    assert.deepEqual(ingest.texts(name, 'stdout'), Array.from({ length: N }, (_, i) => `n-${i + 1}`));
    assert.deepEqual(ingest.texts(name, 'stderr'), Array.from({ length: N }, (_, i) => `m-${i + 1}`));
  });
});
