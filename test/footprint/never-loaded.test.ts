/**
 * Three things the running agent never does, since each leaves resident memory behind for the rest of
 * the process (Node 24, the image's runtime; measured in a bare process with and without):
 *  - initialise OpenSSL by loading node:crypto (+1.5 MB in the idle agent, +4.4 MB in a process
 *    holding every other module sluice loads): the config's hash, the reload probe and route
 *    fingerprints use util/digest.ts; the API token check and pod log fingerprints take node:crypto
 *    when first used, and TLS routes load it through node:tls;
 *  - call Date#toISOString, whose first call has ICU load the local time zone and its names
 *    (+1.2 MB): log timestamps, /status times and Docker times go through isoUtc;
 *  - load re2js when the config has globs but no `/regex/` (util/regex.ts).
 * The agent runs the image's bundle, logs at info, serves its
 * API, reads a real container and delivers its lines, answers /status and applies a reload. A preload
 * counts toISOString calls and writes Node's module list when the process exits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImageBundle, IMAGE_ENTRY_ENV } from '../../bench/node-flags.js';
import { DOCKER_HOST, TestDocker, waitFor } from '../helpers/docker.js';
import { freePort } from '../helpers/net.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';

const PRELOAD = `
const { writeFileSync } = require('node:fs');
let calls = 0;
const toISOString = Date.prototype.toISOString;
Date.prototype.toISOString = function () { calls++; return toISOString.call(this); };
process.on('exit', () => writeFileSync(process.env.PROBE_OUT, JSON.stringify({ calls, modules: process.moduleLoadList, files: Object.keys(require.cache) })));
`;

test('the running agent never loads node:crypto nor calls Date#toISOString', { timeout: 90_000 }, async (t) => {
  const docker = new TestDocker();
  t.after(() => docker.cleanup());
  const dir = mkdtempSync(join(tmpdir(), 'sluice-never-'));
  const preload = join(dir, 'probe.cjs');
  writeFileSync(preload, PRELOAD);
  const out = join(dir, 'probe.json');
  const port = await freePort();
  const text = (tag: string) => `version: 1
docker: { host: "${DOCKER_HOST}" }
state_dir: "${join(dir, 'state')}"
api: { listen: "127.0.0.1:${port}" }
log_level: info
tags: [${tag}]
containers: { exclude: { name: ["excluded-*", "ex?luded-*"] } }
routes:
  - name: out
    match: { labels: { sluice.test: "${docker.runId}" } }
    destination: { type: console, format: json }
    flush: { interval: 50ms }
`;
  const config = writeConfig(text('first'));
  buildImageBundle(REPO);
  const sluice = new SluiceProcess(config, { ...IMAGE_ENTRY_ENV, NODE_OPTIONS: `--require ${preload}`, PROBE_OUT: out });
  t.after(() => sluice.stop());
  assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 30_000), `sluice did not connect:\n${sluice.stderr}`);

  const name = docker.name('never');
  await docker.run({ name, script: 'for i in 1 2 3 4 5; do echo line-$i; done; exec sleep 600' });
  assert.ok(await waitFor(() => sluice.records().filter((r) => r.container?.name === name).length === 5, 20_000), 'the 5 lines are delivered');

  writeFileSync(config, text('second'));
  assert.ok(await waitFor(() => sluice.stderr.includes('Config reloaded'), 20_000), `the edit is applied:\n${sluice.stderr}`);
  const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as { config: { hash: string; lastReload: { at: string } } };
  assert.match(status.config.lastReload.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const logTime = sluice.logs().find((l) => l.msg === 'Config reloaded')?.time as string;
  assert.match(logTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'log lines still carry an ISO time');

  assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  const probe = JSON.parse(readFileSync(out, 'utf8')) as { calls: number; modules: string[]; files: string[] };
  // What the test loaded is there: the check can see modules (node:http for the engine and the API).
  assert.ok(probe.modules.includes('NativeModule http'), 'the module list is read');
  const crypto = probe.modules.filter((m) => /^NativeModule (crypto|internal\/crypto\/)/.test(m));
  assert.deepEqual(crypto, [], 'node:crypto is never loaded');
  assert.equal(probe.calls, 0, 'Date#toISOString is never called');
  // Nor re2js, with globs in the config and no /regex/ (1.9 MB to load, 6.3 MB more on a first compile).
  assert.ok(probe.files.some((f) => /node_modules[\\/]dockerode[\\/]/.test(f)), 'the file list is read');
  assert.deepEqual(probe.files.filter((f) => /node_modules[\\/]re2js[\\/]/.test(f)), [], 're2js is never loaded');
  // ...and it is not inlined in the bundle either (where it would be evaluated at start, unseen above).
  const bundle = join(REPO, 'dist', 'bundle');
  for (const f of readdirSync(bundle)) assert.ok(!readFileSync(join(bundle, f), 'utf8').includes('decodeVLQ'), `${f} does not inline re2js (its decodeVLQ)`);
});
