/**
 * Idle memory cannot silently regress: sluice started as the image runs it (the Dockerfile's node
 * flags, the bundle of scripts/bundle.mjs, built here as the Dockerfile builds it), connected to the
 * real engine with nothing to collect, must stay within a budget above a bare `node` process started
 * beside it. Measured against that floor, not as an absolute figure, so a machine or Node version
 * with another floor does not move the bar.
 *
 * The goal is 50 MB where the floor is 39 MB: 11 MB above it, not reached yet. The budget
 * pins what is reached instead: 19.6–20.2 MB above the floor in three runs of the bundle on the
 * 2-core test machine (bare node 39.4 MB; 21.4 before node:crypto and ICU's time zone were left
 * unloaded, test/footprint/never-loaded.test.ts), plus
 * 5 MB for what varies without a change in the code: how much of the young generation the start
 * touched. Those pages stay resident while idle, and the new space holds 4.0–5.0 MB of resident
 * pages at idle (v8.getHeapSpaceStatistics, bench/phases.mjs), so a start that touched all of it
 * adds at most that. 20.2 + 5 ≈ 25.0. Loading ajv's compiler again at start, the regression issue 13
 * removed, measured 42.6 MB above: it fails. That this test runs the bundle is checked by
 * test/docker/footprint.test.ts.
 * Not timing-sensitive: RSS is sampled after the agent said it is connected, and the lowest of
 * several samples is compared (a slow machine delays the start, it does not add memory).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImageBundle, IMAGE_ENTRY_ENV, imageNodeFlags } from '../../bench/node-flags.js';
import { DOCKER_HOST, TestDocker, waitFor } from '../helpers/docker.js';
import { HttpCapture } from '../helpers/http-capture.js';
import { REPO, writeConfig } from '../helpers/sluice-process.js';

/** MB of RSS above the bare node floor that idle sluice may use. */
export const IDLE_BUDGET_ABOVE_FLOOR_MB = 25.0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMB = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

async function lowestRss(pid: number, samples: number): Promise<number> {
  let low = Infinity;
  for (let i = 0; i < samples; i++) {
    low = Math.min(low, rssMB(pid));
    await sleep(250);
  }
  return low;
}

/** sluice started as the image runs it, once it said it is connected to the engine. */
async function startImageAgent(t: TestContext, config: string): Promise<ChildProcess> {
  const agent: ChildProcess = spawn(process.execPath, [...imageNodeFlags(), join(REPO, 'bin', 'sluice.js'), 'run', '--config', config], {
    cwd: REPO,
    env: { ...process.env, ...IMAGE_ENTRY_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => agent.kill());
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    agent.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes('Connected to the Docker engine')) resolve();
    });
    agent.on('exit', (code) => reject(new Error(`sluice exited (${code}) before connecting: ${stderr}`)));
  });
  return agent;
}

function bareNode(t: TestContext): ChildProcess {
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  t.after(() => bare.kill());
  return bare;
}

test('idle RSS after start stays within its budget above a bare node process', { timeout: 90_000 }, async (t) => {
  const config = writeConfig(`version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: "${mkdtempSync(join(tmpdir(), 'sluice-idle-state-'))}"
api: { listen: "127.0.0.1:0" }
containers: { opt_in: true }
routes:
  - name: all
    destination: { type: console }
`);
  buildImageBundle(REPO);
  const bare = bareNode(t);
  const agent = await startImageAgent(t, config);
  await sleep(3000); // past the start's own allocations
  const sluice = await lowestRss(agent.pid!, 8);
  const floor = await lowestRss(bare.pid!, 2);
  t.diagnostic(`idle RSS: sluice ${sluice.toFixed(1)} MB, bare node ${floor.toFixed(1)} MB, ${(sluice - floor).toFixed(1)} MB above it (budget ${IDLE_BUDGET_ABOVE_FLOOR_MB})`);
  assert.ok(sluice - floor <= IDLE_BUDGET_ABOVE_FLOOR_MB, `sluice idles at ${sluice.toFixed(1)} MB, ${(sluice - floor).toFixed(1)} MB above a bare node (${floor.toFixed(1)} MB); the budget is ${IDLE_BUDGET_ABOVE_FLOOR_MB} MB`);
});

/**
 * The same with an HTTP route that delivered one line from each of 20 idle containers: undici is
 * loaded, its wasm parser has run, 20 log streams are open. Measured at least 12 s after the lines
 * were delivered, past V8's one-time memory reducer (~8 s after the start's last full GC).
 *
 * Measured on the 2-core test machine (bare node 39.4 MB): 21.9-25.0 MB above the floor alone (six
 * runs, one beside three CPU hogs), 31.4 and 31.6 in the whole suite, beside the image build: there
 * the pages the start touched stay resident (V8 did not reduce the heap within the window). Budget:
 * the highest + 3.5 MB = 35.0. A guard against gross regressions only: undici's whole index loaded
 * again measured 27.8 alone (test/docker/footprint.test.ts checks which undici files load), node
 * without --liftoff-only 23.0 (20 lines do not make undici's parser hot enough to be tiered up; the
 * burst rows of `npm run bench` show that flag's effect).
 */
export const HTTP_IDLE_BUDGET_ABOVE_FLOOR_MB = 35.0;

test('RSS with an HTTP route and 20 idle containers stays within its budget above a bare node process', { timeout: 120_000 }, async (t) => {
  const docker = new TestDocker();
  t.after(() => docker.cleanup());
  const http = await HttpCapture.start();
  t.after(() => http.close());
  await Promise.all(Array.from({ length: 20 }, (_, i) => docker.run({ name: docker.name(`idle-http-${i}`), labels: { 'sluice.enable': 'true' }, script: 'echo started; exec sleep 600' })));
  const config = writeConfig(`version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: "${mkdtempSync(join(tmpdir(), 'sluice-idle-state-'))}"
api: { listen: "127.0.0.1:0" }
containers: { opt_in: true, backfill: all }
routes:
  - name: http
    match: { labels: { sluice.test: "${docker.runId}" } }
    destination: { type: http, url: "${http.url}/ingest", encoding: ndjson }
`);
  buildImageBundle(REPO);
  const bare = bareNode(t);
  const started = Date.now();
  const agent = await startImageAgent(t, config);
  const lines = () => http.requests.reduce((n, r) => n + r.text.split('\n').filter(Boolean).length, 0);
  assert.ok(await waitFor(() => lines() >= 20, 30_000), `20 lines delivered (got ${lines()})`);
  // V8's memory reducer runs ~8 s after the last full GC once the agent is idle; on a loaded machine
  // the start and the first delivery take longer, so the wait counts from the delivery, and the lowest
  // of 5 s of samples is compared.
  await sleep(Math.max(12_000, 15_000 - (Date.now() - started)));
  const sluice = await lowestRss(agent.pid!, 20);
  const floor = await lowestRss(bare.pid!, 2);
  t.diagnostic(`RSS with an HTTP route and 20 idle containers: sluice ${sluice.toFixed(1)} MB, bare node ${floor.toFixed(1)} MB, ${(sluice - floor).toFixed(1)} MB above it (budget ${HTTP_IDLE_BUDGET_ABOVE_FLOOR_MB})`);
  assert.ok(
    sluice - floor <= HTTP_IDLE_BUDGET_ABOVE_FLOOR_MB,
    `sluice idles at ${sluice.toFixed(1)} MB, ${(sluice - floor).toFixed(1)} MB above a bare node (${floor.toFixed(1)} MB); the budget is ${HTTP_IDLE_BUDGET_ABOVE_FLOOR_MB} MB`,
  );
});
