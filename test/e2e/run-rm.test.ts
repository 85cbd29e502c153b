/**
 * Issue 14: `docker run --rm` jobs are read whole. A one-shot job prints and exits at once; with
 * AutoRemove the engine deletes the container, and its log, moments after it exits, so every round
 * trip between the `start` event and the logs request costs lines. 50 jobs of 3 lines each, run one
 * after another the way a cron or CI loop runs them, while sluice follows.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestDocker, DOCKER_HOST, IMAGE, waitFor } from '../helpers/docker.js';
import { startLabelledAgent, type SluiceProcess } from '../helpers/sluice-process.js';

const JOBS = 50;
const td = new TestDocker();
let sluice: SluiceProcess;

before(async () => {
  sluice = await startLabelledAgent(td.runId, DOCKER_HOST);
});

after(async () => {
  const code = await sluice.stop();
  await td.cleanup();
  assert.equal(code, 0, `sluice exited ${code}:\n${sluice.stderr.slice(-2000)}`);
});

/**
 * What `docker run --rm` does, `n` times: create with AutoRemove, start, wait for the exit (the engine
 * removes the container right after). Creating is slow on the test engine (vfs copies the image), so
 * four shells run their jobs one after another each, as four cron lines would. Job i prints
 * `<prefix>i-a`, `-b`, `-c` after `before` (shell).
 */
async function runJobs(prefix: string, n: number, before: string): Promise<void> {
  const job = async (i: number) => {
    const c = await td.docker.createContainer({
      Image: IMAGE,
      name: td.name(`${prefix}${i}`),
      Cmd: ['/bin/sh', '-c', `${before}echo ${prefix}${i}-a; echo ${prefix}${i}-b; echo ${prefix}${i}-c`],
      Labels: { 'sluice.test': td.runId },
      HostConfig: { NetworkMode: 'none', AutoRemove: true, LogConfig: { Type: 'json-file', Config: {} } },
    });
    td.created.push(c.id);
    const exited = c.wait({ condition: 'next-exit' });
    await c.start();
    await exited.catch(() => undefined); // a removal racing the wait is fine
  };
  const LANES = 4;
  await Promise.all(Array.from({ length: LANES }, async (_, lane) => {
    for (let i = lane; i < n; i += LANES) await job(i);
  }));
}

test(`${JOBS} --rm jobs that print 3 lines and exit at once: (nearly) every line arrives`, async () => {
  const started = Date.now();
  await runJobs('rm', JOBS, '');
  const want = JOBS * 3;
  const got = () => sluice.records().filter((r) => /^rm\d+-[abc]$/.test(r.line)).length;
  await waitFor(() => got() >= want, 10_000);
  await new Promise((r) => setTimeout(r, 300)); // a duplicate would show up here
  const lines = sluice.records().map((r) => r.line).filter((l) => /^rm\d+-[abc]$/.test(l));
  const share = lines.length / want;
  console.log(`# --rm jobs: ${lines.length} of ${want} lines delivered (${(share * 100).toFixed(1)} %), ${JOBS} jobs in ${Date.now() - started} ms`);
  assert.equal(new Set(lines).size, lines.length, 'a line was delivered twice');
  assert.ok(share >= 0.9, `only ${lines.length} of ${want} lines of --rm jobs arrived`);
  checkJobs('rm', JOBS);
});

/** A job's lines arrive in order; the jobs short of lines are listed with what sluice logged of them. */
function checkJobs(prefix: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = td.name(`${prefix}${i}`);
    const mine = sluice.records().filter((r) => r.container?.name === name).map((r) => r.line);
    assert.deepEqual(mine, [`${prefix}${i}-a`, `${prefix}${i}-b`, `${prefix}${i}-c`].slice(0, mine.length), `job ${i} out of order`);
    if (mine.length < 3) {
      const said = sluice.logs().filter((l) => l.container === name).map((l) => `${l.msg}${l.reason ? ` (${l.reason})` : ''}`);
      console.log(`# job ${i}: ${mine.length} of 3 lines; sluice logged: ${said.join('; ') || 'nothing'}`);
    }
  }
}

test('20 --rm jobs that live 50 ms before printing 3 lines: every line arrives', async () => {
  await runJobs('live', 20, 'usleep 50000; ');
  const got = () => sluice.records().filter((r) => /^live\d+-[abc]$/.test(r.line)).map((r) => r.line);
  await waitFor(() => got().length >= 60, 10_000);
  console.log(`# --rm jobs living 50 ms: ${got().length} of 60 lines delivered`);
  checkJobs('live', 20);
  assert.equal(got().length, 60);
});
