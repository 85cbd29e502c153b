/**
 * The Docker engine over tcp:// with TLS and client certificates (SPEC §1): configured in the file
 * (`docker.tls`), or taken from DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH like the docker
 * CLI; without a client certificate the engine refuses and no line is read.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TestDocker, waitFor } from '../helpers/docker.js';
import { SluiceProcess, writeConfig } from '../helpers/sluice-process.js';

// scripts/test-env.sh's defaults; the suite fails (not skips) when the engine is not there.
const TLS_HOST = process.env.SLUICE_TEST_DOCKER_TLS_HOST ?? 'tcp://127.0.0.1:23761';
const CERTS = process.env.SLUICE_TEST_DOCKER_CERT_PATH ?? '/tmp/sluice-test-env/tls';
const td = new TestDocker();
const procs: SluiceProcess[] = [];
after(async () => {
  await Promise.all(procs.map((p) => p.stop('SIGKILL')));
  await td.cleanup();
});

const route = (label: string) => `routes:
  - name: out
    match: { labels: { tlsrun: "${label}" } }
    destination: { type: console, format: json }`;

async function linesThrough(p: SluiceProcess, label: string): Promise<string[]> {
  procs.push(p);
  assert.ok(await waitFor(() => p.stderr.includes('Connected to the Docker engine'), 20_000), p.stderr);
  await td.run({ name: td.name(label), labels: { tlsrun: label }, script: 'echo one; echo two >&2' });
  assert.ok(await waitFor(() => p.records().length >= 2, 20_000), p.stderr);
  return p.records().map((r) => `${r.source}:${r.line}`).sort();
}

test('docker.host tcp:// with docker.tls (ca, client cert and key)', {}, async () => {
  const p = new SluiceProcess(
    writeConfig(`version: 1
docker:
  host: "${TLS_HOST}"
  tls: { ca: "${join(CERTS!, 'ca.pem')}", cert: "${join(CERTS!, 'cert.pem')}", key: "${join(CERTS!, 'key.pem')}" }
state_dir: null
api: null
${route('cfg')}
`),
  );
  assert.deepEqual(await linesThrough(p, 'cfg'), ['stderr:two', 'stdout:one']);
});

test('DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from the environment', {}, async () => {
  const p = new SluiceProcess(writeConfig(`version: 1\nstate_dir: null\napi: null\n${route('env')}\n`), {
    DOCKER_HOST: TLS_HOST!,
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: CERTS!,
  });
  assert.deepEqual(await linesThrough(p, 'env'), ['stderr:two', 'stdout:one']);
});

test('without a client certificate the engine refuses: not connected, nothing read, still running', {}, async () => {
  const p = new SluiceProcess(
    writeConfig(`version: 1
docker: { host: "${TLS_HOST}", tls: { ca: "${join(CERTS!, 'ca.pem')}" } }
state_dir: null
api: null
${route('nocert')}
`),
  );
  procs.push(p);
  await new Promise((r) => setTimeout(r, 3_000));
  assert.ok(!p.stderr.includes('Connected to the Docker engine'), p.stderr);
  assert.equal(p.child.exitCode, null);
  assert.equal(p.records().length, 0);
});
