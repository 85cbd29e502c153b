/**
 * Secrets never leak: a config holding a Mezmo key, an API token, an `Authorization: Bearer` header
 * and a URL password (inline and through ${ENV}) runs at log_level debug, with destinations that
 * fail, retry and recover. None of the secret strings (nor their Basic-auth encodings) may appear in
 * the agent's stderr, /status, /metrics, /logs, /readyz, nor in `sluice validate` output for an
 * invalid variant. The destinations do receive them: the secrets are real and in use.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { TestDocker, DOCKER_HOST, waitFor } from '../helpers/docker.js';
import { HttpCapture } from '../helpers/http-capture.js';
import { REPO, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { freePort } from '../helpers/net.js';

const MEZMO_KEY = 'mzk-s3cr3t-4f1c9e27b8';
const API_TOKEN = 'api-s3cr3t-91d0c7e3aa';
const ARCHIVE_TOKEN = 's3cr3t-archive-5be2d4';
const URL_PASSWORD = 'pw-s3cr3t-c0ffee77';
const SECRETS = [MEZMO_KEY, API_TOKEN, ARCHIVE_TOKEN, URL_PASSWORD];
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** What may travel on the wire as Basic auth: must not show anywhere either. */
const ENCODED = [b64(`${MEZMO_KEY}:`), b64(`ingest:${URL_PASSWORD}`), b64(`user:${URL_PASSWORD}`)];
const ENV = { ARCHIVE_TOKEN, SLUICE_API_TOKEN: API_TOKEN };

const td = new TestDocker();
let flaky: HttpCapture;
let ok: HttpCapture;
let sluice: SluiceProcess;
let base: string;
let deadPort: number;


function assertNoSecret(where: string, text: string): void {
  for (const s of [...SECRETS, ...ENCODED]) assert.ok(!text.includes(s), `${where} shows a secret (${s.slice(0, 6)}…):\n${excerpt(text, s)}`);
}
function excerpt(text: string, s: string): string {
  const i = text.indexOf(s);
  return text.slice(Math.max(0, i - 300), i + 100);
}

function config(port: number): string {
  return `
version: 1
log_level: debug
docker: { host: "${DOCKER_HOST}" }
state_dir: null
api: { listen: "127.0.0.1:${port}", token: \${SLUICE_API_TOKEN} }
defaults:
  flush: { interval: 50ms }
  retry: { initial_backoff: 20ms, max_backoff: 100ms }
routes:
  - name: mezmo
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: mezmo, key: "${MEZMO_KEY}", url: "${flaky.url}/logs/ingest" }
  - name: archive
    match: { labels: { sluice.test: "${td.runId}" } }
    destination:
      type: http
      url: "${flaky.url}/archive"
      headers: { Authorization: "Bearer \${ARCHIVE_TOKEN}" }
  - name: basic
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: http, url: "http://ingest:${URL_PASSWORD}@${ok.url.slice('http://'.length)}/basic" }
  - name: down
    match: { labels: { sluice.test: "${td.runId}" } }
    destination: { type: http, url: "http://user:${URL_PASSWORD}@127.0.0.1:${deadPort}/x" }
    retry: { max_attempts: 2 }
`;
}

before(async () => {
  flaky = await HttpCapture.start();
  ok = await HttpCapture.start();
  deadPort = await freePort();
  // Both kinds of failure a destination gives: retryable (with a body), then fine.
  flaky.script({ status: 503, body: 'upstream unavailable' }, { status: 503, body: 'upstream unavailable' }, { status: 401, body: 'bad credentials' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  sluice = new SluiceProcess(writeConfig(config(port)), ENV);
  assert.ok(await waitFor(() => sluice.stderr.includes('Connected to the Docker engine'), 20_000), sluice.stderr);
});

after(async () => {
  await sluice.stop();
  await td.cleanup();
  await flaky.close();
  await ok.close();
});

const auth = { authorization: `Bearer ${API_TOKEN}` };

test('no secret in stderr (debug), /status, /metrics, /readyz or /logs while destinations fail and deliver', async () => {
  const name = td.name('sec');
  // /logs, followed while lines flow.
  let logs = '';
  const req = request(`${base}/logs?name=${name}`, { headers: { ...auth, accept: 'application/x-ndjson' } }, (res) => res.setEncoding('utf8').on('data', (d: string) => (logs += d)));
  req.end();
  await new Promise((r) => setTimeout(r, 200));
  await td.run({ name, script: 'for i in $(seq 1 30); do echo line-$i; echo err-$i >&2; sleep 0.01; done' });

  // The secrets are in use: each destination got its credential.
  assert.ok(await waitFor(() => ok.requests.length > 0 && flaky.requests.filter((r) => r.path.startsWith('/archive') && r.headers.authorization).length > 0 && flaky.requests.some((r) => r.path.startsWith('/logs/ingest')), 20_000));
  assert.equal(ok.requests[0]!.headers.authorization, `Basic ${b64(`ingest:${URL_PASSWORD}`)}`);
  assert.equal(flaky.requests.find((r) => r.path.startsWith('/archive'))!.headers.authorization, `Bearer ${ARCHIVE_TOKEN}`);
  assert.equal(flaky.requests.find((r) => r.path.startsWith('/logs/ingest'))!.headers.authorization, `Basic ${b64(`${MEZMO_KEY}:`)}`);
  // The failing route exhausted its retries (a logged, counted drop); a flaky one failed then recovered.
  assert.ok(await waitFor(async () => {
    const s = (await (await fetch(`${base}/status`, { headers: auth })).json()) as any;
    return s.routes.find((r: any) => r.name === 'down').dropped > 0 && s.routes.find((r: any) => r.name === 'basic').sent >= 60;
  }, 20_000));
  assert.ok(await waitFor(() => logs.split('\n').length > 60, 10_000), `logs: ${logs.length}`);
  req.destroy();

  const status = await (await fetch(`${base}/status`, { headers: auth })).text();
  const s = JSON.parse(status);
  assert.match(s.routes.find((r: any) => r.name === 'down').lastError, /ECONNREFUSED|connect|network/i, 'the error is reported (without secrets)');
  assertNoSecret('/status', status);
  assertNoSecret('/metrics', await (await fetch(`${base}/metrics`, { headers: auth })).text());
  assertNoSecret('/readyz', await (await fetch(`${base}/readyz`, { headers: auth })).text());
  for (const path of ['/status', '/metrics', '/logs']) {
    assertNoSecret(`401 from ${path}`, await (await fetch(`${base}${path}`, { headers: { authorization: 'Bearer nope' } })).text());
  }
  assertNoSecret('/logs', logs);

  // Stop, so everything the agent logs (shutdown included) is in stderr.
  assert.equal(await sluice.stop(), 0);
  const own = sluice.logs();
  assert.ok(own.some((l) => l.level === 'debug'), 'debug logs are on');
  assert.ok(own.some((l) => l.route === 'down' && l.level === 'error'), 'the dropped batch was logged');
  assert.ok(own.some((l) => l.route === 'archive' && l.level === 'warn'), 'the failing destination was logged');
  assertNoSecret('stderr', sluice.stderr);
});

test('sluice validate on an invalid variant of that config shows the errors but no secret', async () => {
  const invalid = `
version: 1
api: { listen: "127.0.0.1:8080", token: "${API_TOKEN}", bogus: 1 }
routes:
  - name: mezmo
    destination: { type: mezmo, key: "${MEZMO_KEY}", auth: "\${MEZMO_KEY}", url: "ftp://ingest:${URL_PASSWORD}@127.0.0.1/logs" }
  - name: archive
    destination:
      type: http
      url: "http://ingest:\${URL_PASSWORD}@127.0.0.1:1/"
      headers: { Authorization: "Bearer ${ARCHIVE_TOKEN}", X-Other: ["${ARCHIVE_TOKEN}"] }
      encoding: "\${ARCHIVE_TOKEN}"
  - name: syslog
    destination: { type: syslog, url: "udp://ingest:${URL_PASSWORD}@127.0.0.1:514", format: "x" }
`;
  const file = writeConfig(invalid);
  const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
    execFile(process.execPath, [join(REPO, 'bin', 'sluice.js'), 'validate', file], { cwd: REPO, env: { ...process.env, MEZMO_KEY, URL_PASSWORD, ARCHIVE_TOKEN } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
  assert.equal(code, 1, out);
  // It is invalid for the expected reasons (the check below is not vacuous).
  for (const path of ['api.bogus', 'routes[0].destination.auth', 'routes[0].destination.url', 'routes[1].destination.headers', 'routes[1].destination.encoding', 'routes[2].destination.format']) {
    assert.ok(out.includes(`: ${path}`), `no error at ${path}:\n${out}`);
  }
  assertNoSecret('sluice validate', out);
});
