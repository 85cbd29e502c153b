/**
 * `sluice run` stays up while the Docker engine is unreachable (a DaemonSet pod starting before
 * dockerd, a socket proxy not yet up), keeps retrying, and still stops cleanly on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { waitFor } from '../helpers/docker.js';

test('with no Docker engine and no API, the agent keeps running and exits 0 on SIGTERM', async () => {
  const p = new SluiceProcess(
    writeConfig(`
version: 1
docker: { host: "unix:///tmp/sluice-no-such-engine-${process.pid}.sock" }
state_dir: null
api: null
routes: [{ name: out, destination: { type: console } }]
`),
  );
  assert.ok(await waitFor(() => p.stderr.includes('Lost the Docker engine') || p.stderr.includes('sluice starting'), 15_000), p.stderr);
  await new Promise((r) => setTimeout(r, 2_000));
  assert.equal(p.child.exitCode, null, `the agent exited while Docker was away:\n${p.stderr}`);
  assert.equal(await p.stop('SIGTERM'), 0, p.stderr);
});
