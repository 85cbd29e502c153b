/**
 * Idle memory cannot silently regress: sluice started as the image runs it (the Dockerfile's node
 * flags, the bundle of scripts/bundle.mjs, built here as the Dockerfile builds it), connected to the
 * real engine with nothing to collect, must stay within a budget above a bare `node` process started
 * beside it. Measured against that floor, not as an absolute figure, so a machine or Node version
 * with another floor does not move the bar.
 *
 * The goal is 50 MB where the floor is 39 MB: 11 MB above it, not reached yet. The budget
 * pins what is reached instead: 21.5–22.0 MB above the floor in four runs of the bundle on the
 * 2-core test machine (bare node 39.4 MB), plus
 * 5 MB for what varies without a change in the code: how much of the young generation the start
 * touched. Those pages stay resident while idle, and the new space holds 4.0–5.0 MB of resident
 * pages at idle (v8.getHeapSpaceStatistics, bench/phases.mjs), so a start that touched all of it
 * adds at most that. 22.0 + 5 = 27.0. Loading ajv's compiler again at start, the regression issue 13
 * removed, measured 42.6 MB above: it fails. The compiled modules of dist/src measure 26.8–27.1 here,
 * at the budget's edge: that this test runs the bundle is checked by test/docker/footprint.test.ts.
 * Not timing-sensitive: RSS is sampled after the agent said it is connected, and the lowest of
 * several samples is compared (a slow machine delays the start, it does not add memory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImageBundle, IMAGE_ENTRY_ENV, imageNodeFlags } from '../../bench/node-flags.js';
import { DOCKER_HOST } from '../helpers/docker.js';
import { REPO, writeConfig } from '../helpers/sluice-process.js';

/** MB of RSS above the bare node floor that idle sluice may use. */
export const IDLE_BUDGET_ABOVE_FLOOR_MB = 27.0;

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
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  const agent: ChildProcess = spawn(process.execPath, [...imageNodeFlags(), join(REPO, 'bin', 'sluice.js'), 'run', '--config', config], {
    cwd: REPO,
    env: { ...process.env, ...IMAGE_ENTRY_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => {
    bare.kill();
    agent.kill();
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    agent.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes('Connected to the Docker engine')) resolve();
    });
    agent.on('exit', (code) => reject(new Error(`sluice exited (${code}) before connecting: ${stderr}`)));
  });
  await sleep(3000); // past the start's own allocations
  const sluice = await lowestRss(agent.pid!, 8);
  const floor = await lowestRss(bare.pid!, 2);
  t.diagnostic(`idle RSS: sluice ${sluice.toFixed(1)} MB, bare node ${floor.toFixed(1)} MB, ${(sluice - floor).toFixed(1)} MB above it (budget ${IDLE_BUDGET_ABOVE_FLOOR_MB})`);
  assert.ok(sluice - floor <= IDLE_BUDGET_ABOVE_FLOOR_MB, `sluice idles at ${sluice.toFixed(1)} MB, ${(sluice - floor).toFixed(1)} MB above a bare node (${floor.toFixed(1)} MB); the budget is ${IDLE_BUDGET_ABOVE_FLOOR_MB} MB`);
});
