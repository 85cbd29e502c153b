/**
 * `sluice health` (the image's HEALTHCHECK) follows the config it is given: it asks the API where
 * `api.listen` says (a wildcard address on loopback), needs no token, reports healthy with
 * `api: null`, and unhealthy (exit 1, a reason on stderr) when nothing answers or, with --ready, when
 * the agent is not ready.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { SluiceProcess, writeConfig, REPO } from '../helpers/sluice-process.js';
import { waitFor } from '../helpers/docker.js';
import { freePort } from '../helpers/net.js';

function health(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO, 'bin', 'sluice.js'), 'health', ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const config = (api: string) => `
version: 1
docker: { host: "unix:///tmp/sluice-no-such-engine-${process.pid}.sock" }
state_dir: null
api: ${api}
routes: [{ name: out, destination: { type: console } }]
`;

test('health asks the API on the configured address, without the token; --ready reports why not', async (t) => {
  const port = await freePort();
  const file = writeConfig(config(`{ listen: "0.0.0.0:${port}", token: "\${SLUICE_API_TOKEN}" }`));
  const env = { SLUICE_API_TOKEN: 'health-test-token-0123456789' };
  const p = new SluiceProcess(file, env);
  t.after(() => p.stop());
  assert.ok(await waitFor(() => p.stderr.includes('API listening'), 20_000), p.stderr);

  const alive = await health(['--config', file], env);
  assert.equal(alive.code, 0, alive.stderr);
  assert.match(alive.stdout, new RegExp(`healthy: http://127\\.0\\.0\\.1:${port}/healthz answered 200`));

  // No Docker engine: alive, not ready, and the reason is printed.
  const ready = await health(['--config', file, '--ready'], env);
  assert.equal(ready.code, 1);
  assert.match(ready.stderr, /unhealthy: .*\/readyz answered 503: Docker engine not reachable/);
  assert.ok(!ready.stderr.includes(env.SLUICE_API_TOKEN) && !alive.stdout.includes(env.SLUICE_API_TOKEN));

  // The agent gone: nothing answers there.
  await p.stop();
  const gone = await health(['--config', file], env);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /unhealthy: .*ECONNREFUSED/);
});

test('health with api: null is healthy without asking; an unloadable config or bad usage is not', async () => {
  const off = await health(['--config', writeConfig(config('null'))]);
  assert.equal(off.code, 0, off.stderr);
  assert.match(off.stdout, /api is null/);

  const bad = await health(['--config', writeConfig('version: 1\nroutes: 7\n')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /does not load/);

  assert.equal((await health(['--nope'])).code, 2);
  assert.equal((await health(['--timeout', '0'])).code, 2);
});
