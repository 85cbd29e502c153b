/**
 * `sluice run` wires the reloader: a changed file is applied live (a new route starts printing),
 * an invalid one is logged with file:line:col and changes nothing, SIGHUP reloads instead of
 * killing the process, and SIGTERM still stops it cleanly.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { DOCKER_HOST, TestDocker, hasDocker, waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';

const td = new TestDocker();
let sluice: SluiceProcess | undefined;
after(async () => {
  await sluice?.stop('SIGKILL');
  await td.cleanup();
});

const config = (routes: string[]) => `version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: null
api: null
reload: { debounce: 50ms }
routes:
${routes.map((r) => `  - name: ${r}\n    match: { labels: { sluice.test: "${td.runId}" } }\n    tags: ["${r}"]\n    destination: { type: console, format: json }\n`).join('')}`;

test('sluice run: file change applied live, invalid file rejected, SIGHUP reloads, SIGTERM stops', { skip: !hasDocker, timeout: 60_000 }, async () => {
  const file = writeConfig(config(['first']));
  sluice = new SluiceProcess(file);
  const s = sluice;
  assert.ok(await waitFor(() => s.stderr.includes('Connected to the Docker engine'), 20_000), s.stderr);
  const logs = (msg: RegExp) => s.logs().filter((l) => msg.test(l.msg));

  writeFileSync(file, config(['first', 'second']));
  assert.ok(await waitFor(() => logs(/^Config reloaded/).length === 1, 15_000), s.stderr);
  assert.equal(logs(/^Config reloaded/)[0]!.summary, '+1 ~0 -0 routes');
  const name = td.name('cli-reload');
  await td.run({ name, script: 'echo hello' });
  const mine = () => s.records().filter((r) => r.container?.name === name);
  assert.ok(await waitFor(() => mine().length === 2, 15_000), JSON.stringify(mine()));
  assert.deepEqual(mine().map((r) => r.tags).sort(), [['first'], ['second']]);

  writeFileSync(file, config(['first']).replace('state_dir: null', 'state_dir: 7'));
  assert.ok(await waitFor(() => logs(/invalid/).length === 1, 15_000), s.stderr);
  assert.match(logs(/invalid/)[0]!.errors[0], /sluice\.yaml:3:\d+: state_dir: /);

  writeFileSync(file, config(['third']));
  assert.ok(await waitFor(() => logs(/^Config reloaded/).length === 2, 15_000), s.stderr);
  s.child.kill('SIGHUP');
  assert.ok(await waitFor(() => logs(/^Reload requested/).length === 1, 15_000), s.stderr);
  assert.equal(s.child.exitCode, null, 'SIGHUP does not end the process');
  assert.equal(await s.stop('SIGTERM'), 0, s.stderr.slice(-2000));
});
