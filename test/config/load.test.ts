import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { loadConfigText, type LoadResult } from '../../src/config/load.js';
import type { ResolvedConfig } from '../../src/config/types.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const files: Record<string, string> = { '/etc/sluice/ca.pem': PEM, '/run/secrets/key': 'file-key\n' };
const readText = async (p: string): Promise<string> => {
  if (p in files) return files[p]!;
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
};
const load = (text: string, env: Record<string, string> = {}): Promise<LoadResult> => loadConfigText(text, '/cfg/sluice.yaml', env, { readText, hostname: 'box' });
const ok = async (text: string, env: Record<string, string> = {}): Promise<ResolvedConfig> => {
  const r = await load(text, env);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors, null, 1));
  return r.config;
};

test('defaults: schema defaults, then defaults:, then the route, per key', async () => {
  const c = await ok(`version: 1
defaults:
  buffer: { max_lines: 5, max_bytes: 1KiB }
  retry: { max_backoff: 1m }
routes:
  - name: a
    destination: { type: console }
    buffer: { max_bytes: 2KiB }
    flush: { max_bytes: 2KiB }
  - name: b
    destination: { type: console }
`);
  const [a, b] = c.routes;
  assert.deepEqual(a!.buffer, { maxLines: 5, maxBytes: 2048, whenFull: 'block' });
  assert.deepEqual(b!.buffer, { maxLines: 5, maxBytes: 1024, whenFull: 'block' });
  assert.deepEqual(a!.flush, { intervalMs: 1000, maxLines: 1000, maxBytes: 2048 });
  assert.deepEqual(b!.retry, { maxAttempts: 0, initialBackoffMs: 500, maxBackoffMs: 60_000 });
  assert.equal(c.hostname.render({} as never), 'box');
  assert.equal(c.docker.host, 'unix:///var/run/docker.sock');
  assert.equal(c.shutdownTimeoutMs, 10_000);
});

test('docker.host: config, else DOCKER_HOST, else the unix socket', async () => {
  const base = 'version: 1\nroutes: []\n';
  assert.equal((await ok(base, { DOCKER_HOST: 'tcp://10.0.0.1:2375' })).docker.host, 'tcp://10.0.0.1:2375');
  assert.equal((await ok(`docker: { host: "unix:///x.sock" }\n${base}`, { DOCKER_HOST: 'tcp://h:1' })).docker.host, 'unix:///x.sock');
});

test('URL credentials become a Secret; secrets never print', async () => {
  const c = await ok(
    `version: 1
api: { token: "\${TOKEN}" }
routes:
  - name: h
    destination: { type: http, url: "https://bob:\${PW}@h.example/x", headers: { X-Api-Key: "Bearer \${file:/run/secrets/key}" } }
  - name: m
    destination: { type: mezmo, key: "\${file:/run/secrets/key}", tls: { ca: /etc/sluice/ca.pem } }
`,
    { TOKEN: 'tok-123', PW: 'pw-456' },
  );
  const h = c.routes[0]!.destination;
  assert.equal(h.type, 'http');
  if (h.type !== 'http' || h.auth?.kind !== 'basic') return assert.fail('basic auth expected');
  assert.equal(h.url.href, 'https://h.example/x');
  assert.equal(h.auth.user, 'bob');
  assert.equal(h.auth.password.reveal(), 'pw-456');
  assert.equal(h.headers['X-Api-Key']!.reveal(), 'Bearer file-key');
  const m = c.routes[1]!.destination;
  if (m.type !== 'mezmo') return assert.fail();
  assert.equal(m.key.reveal(), 'file-key');
  assert.equal(m.tls.ca, PEM);
  assert.equal(m.url.href, 'https://logs.mezmo.com/logs/ingest');
  assert.equal(c.api?.token?.reveal(), 'tok-123');
  assert.deepEqual(c.secretFiles, ['/run/secrets/key']);
  const printed = inspect(c, { depth: 10 }) + JSON.stringify(c);
  for (const s of ['tok-123', 'pw-456', 'file-key']) assert.ok(!printed.includes(s), s);
});

test('hash covers ${file:} contents; fingerprint is stable and sees secrets', async () => {
  const text = 'version: 1\nroutes:\n  - name: m\n    destination: { type: mezmo, key: "${file:/run/secrets/key}" }\n';
  const a = await ok(text);
  const b = await ok(text);
  assert.equal(a.hash, b.hash);
  assert.equal(a.routes[0]!.fingerprint, b.routes[0]!.fingerprint);
  files['/run/secrets/key'] = 'rotated\n';
  try {
    const c = await ok(text);
    assert.notEqual(c.hash, a.hash);
    assert.notEqual(c.routes[0]!.fingerprint, a.routes[0]!.fingerprint);
  } finally {
    files['/run/secrets/key'] = 'file-key\n';
  }
});

test('resolve-stage errors have positions and hide values', async () => {
  const line5 = '    destination: { type: syslog, url: "tls://siem:6514", framing: newline, tls: { ca: /missing.pem } }';
  const r = await load(`version: 1
api: { listen: "0.0.0.0:8080" }
routes:
  - name: s
${line5}
`);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(
    r.errors.map((e) => `${e.line}:${e.col} ${e.path}`),
    ['2:16 api.listen', `5:${line5.indexOf('newline') + 1} routes[0].destination.framing`, `5:${line5.indexOf('/missing') + 1} routes[0].destination.tls.ca`],
  );
});

test('plain ${VAR} that expands to a number or boolean takes that type', async () => {
  const c = await ok('version: 1\nroutes:\n  - name: a\n    destination: { type: console }\n    buffer: { max_lines: ${N} }\n', { N: '77' });
  assert.equal(c.routes[0]!.buffer.maxLines, 77);
});
