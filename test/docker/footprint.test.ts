/**
 * What the running agent loads. dockerode's ssh2 (a native crypto addon) and BuildKit session (gRPC,
 * protobufjs) and prom-client's OpenTelemetry are deferred until used, and undici is loaded only when
 * an HTTP or Mezmo sink is built: together ~40 MB of idle RSS (bench: idle RSS). Checked in a fresh process, since this one has
 * loaded dockerode directly through the test helpers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runFreshScript } from '../helpers/fresh-process.js';

const REPO = join(import.meta.dirname, '..', '..');
const src = (p: string) => JSON.stringify(pathToFileURL(join(REPO, 'src', p)).href);

/** The files in the CommonJS module cache of a fresh process after running `body`. */
function filesAfter(body: string): string[] {
  const script = `
import { createRequire } from 'node:module';
${body}
process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  return JSON.parse(runFreshScript(script)) as string[];
}

/** Node's own modules loaded in a fresh process after running `body`. */
function builtinsAfter(body: string): Set<string> {
  const script = `
${body}
process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13))));`;
  return new Set(JSON.parse(runFreshScript(script)) as string[]);
}

/** The npm packages in the CommonJS module cache of a fresh process after running `body`. */
function packagesAfter(body: string): Set<string> {
  return new Set(filesAfter(body).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((n): n is string => n !== undefined));
}

test('the agent as `sluice run` loads it: dockerode without ssh2 or gRPC, prom-client without OpenTelemetry, and no undici without an HTTP route', () => {
  const pkgs = packagesAfter(`
await import(${src('cli/run.ts')});
const { connectDocker } = await import(${src('docker/client.ts')});
void connectDocker;`);
  for (const used of ['dockerode', 'docker-modem', 'yaml', 'ajv', 'prom-client', 'pino']) assert.ok(pkgs.has(used), `${used} is loaded`);
  for (const unused of ['ssh2', 'cpu-features', '@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', '@opentelemetry/api', 'undici', 'tar-fs', 'tar-stream', 'readable-stream', '@balena/dockerignore']) {
    assert.ok(!pkgs.has(unused), `${unused} is not loaded`);
  }
});

test('the agent loads no TLS until a connection needs it: not for the engine socket, the console, the metrics', () => {
  // node:tls sets up OpenSSL's state when loaded: 7 MB of RSS on Node 24 (the image's).
  const loaded = builtinsAfter(`
await import(${src('cli/run.ts')});
await import(${src('sinks/index.ts')});
await import(${src('docker/logs-request.ts')});
const { connectDocker } = await import(${src('docker/client.ts')});
void connectDocker;
const { createMetrics } = await import(${src('telemetry/metrics.ts')});
createMetrics();`);
  assert.ok(loaded.has('net') && loaded.has('http'), 'what it does need is loaded');
  for (const m of ['tls', 'https', '_tls_wrap']) assert.ok(!loaded.has(m), `${m} is not loaded`);
  // Nor zlib (gzip'd HTTP batches; dockerode's build contexts; prom-client's Pushgateway: 1.9 MB on
  // Node 24), nor dgram and dns (the UDP transport: 0.8 MB), until a route or call uses them.
  // (tsx itself loads dgram on Node 20: the check counts only what the agent adds.)
  const baseline = builtinsAfter('');
  for (const m of ['zlib', 'dgram', 'dns/promises']) assert.ok(!loaded.has(m) || baseline.has(m), `${m} is not loaded`);
  assert.ok(!baseline.has('zlib') && !baseline.has('dns/promises'), 'the baseline leaves these checks something to check');
});

test("dockerode's deferred build-context modules still work when called", () => {
  // prepareBuildContext uses both stand-ins (.dockerignore parsing, tar-fs); a gzip stream of the
  // context comes out, and only then are they loaded.
  const out = runFreshScript(`
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
await import(${src('docker/dockerode.ts')});
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).some((f) => f.includes('node_modules/tar-fs/'));
const before = loaded();
const dir = mkdtempSync(join(tmpdir(), 'sluice-ctx-'));
writeFileSync(join(dir, 'keep.txt'), 'kept');
writeFileSync(join(dir, 'skip.txt'), 'skipped');
writeFileSync(join(dir, '.dockerignore'), 'skip.txt');
require('dockerode/lib/util.js').prepareBuildContext({ context: dir, src: ['keep.txt', 'skip.txt'] }, (stream) => {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c)).on('end', () => {
    const tar = gunzipSync(Buffer.concat(chunks)).toString('latin1');
    process.stdout.write(JSON.stringify({ before, after: loaded(), keep: tar.includes('keep.txt'), skip: tar.includes('skip.txt') }));
  });
});`);
  assert.deepEqual(JSON.parse(out), { before: false, after: true, keep: true, skip: false });
});

test("a valid config is validated without ajv's compiler; an invalid one loads it to word the errors", () => {
  const compiler = (files: string[]) => files.filter((f) => /node_modules\/ajv\/dist\/(compile|core|2020)/.test(f));
  const load = (yaml: string) => `
const { loadConfigText } = await import(${src('config/load.ts')});
const r = await loadConfigText(${JSON.stringify(yaml)}, '/tmp/sluice.yaml', {});
if (r.ok !== ${JSON.stringify(!yaml.includes('nope'))}) throw new Error(JSON.stringify(r));`;
  assert.deepEqual(compiler(filesAfter(load('version: 1\nroutes: [{ name: a, destination: { type: console } }]\n'))), []);
  assert.notDeepEqual(compiler(filesAfter(load('version: 1\nnope: 1\nroutes: [{ name: a, destination: { type: console } }]\n'))), []);
});

test('an HTTP sink loads undici when it is built: its Pool and request, not its index', () => {
  const files = filesAfter(`
const { createSink } = await import(${src('sinks/index.ts')});
const { httpDest } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'test', 'sinks', 'dests.ts')).href)});
const { pino } = await import('pino');
const sink = createSink(httpDest('http://127.0.0.1:9/'), { logger: pino({ level: 'silent' }) });
await sink.close();`);
  const undici = files.filter((f) => f.includes('node_modules/undici/'));
  assert.ok(undici.some((f) => f.endsWith('lib/dispatcher/pool.js')), 'the Pool is loaded');
  assert.ok(undici.some((f) => f.endsWith('lib/api/api-request.js')), 'request is loaded');
  // The index loads fetch, WebSocket, EventSource, caches and mocks too: ~9 MB more RSS.
  // Nor its HTTP/2 connector (node:http2 and node:tls: 9 MB on Node 24), which only allowH2 uses.
  for (const f of ['undici/index.js', 'lib/web/fetch/index.js', 'lib/web/websocket/websocket.js', 'lib/mock/mock-agent.js', 'lib/dispatcher/client-h2.js']) {
    assert.ok(!undici.some((x) => x.endsWith(f)), `${f} is not loaded`);
  }
});

test('the bench and the idle RSS test start sluice as the image runs it: its node flags, its malloc settings, the bundle', async () => {
  const { benchNodeFlags, imageNodeFlags, IMAGE_ENTRY_ENV } = await import('../../bench/node-flags.js');
  const image = imageNodeFlags(REPO);
  assert.deepEqual(benchNodeFlags({}), image);
  // And its allocator settings, read from the Dockerfile's ENV line.
  assert.equal(IMAGE_ENTRY_ENV.MALLOC_ARENA_MAX, '2');
  const { readFileSync } = await import('node:fs');
  // Both spawn sluice with these flags, not flags of their own.
  assert.match(readFileSync(join(REPO, 'bench', 'run.ts'), 'utf8'), /spawn\(SLUICE_NODE, \[\.\.\.flags, join\(REPO, 'bin', 'sluice\.js'\)/);
  assert.match(readFileSync(join(REPO, 'test', 'footprint', 'idle-rss.test.ts'), 'utf8'), /spawn\(process\.execPath, \[\.\.\.imageNodeFlags\(\), join\(REPO, 'bin', 'sluice\.js'\)/);
  // The bundle: the image builds it with scripts/bundle.mjs and ships only it; both build it the same
  // way and ask bin/sluice.js for it.
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^RUN .*node scripts\/bundle\.mjs/m);
  assert.match(dockerfile, /^COPY --from=build \/src\/dist\/bundle dist\/bundle$/m);
  assert.doesNotMatch(dockerfile, /^COPY --from=build \/src\/dist dist$/m);
  for (const f of [join('bench', 'run.ts'), join('test', 'footprint', 'idle-rss.test.ts')]) {
    const text = readFileSync(join(REPO, f), 'utf8');
    assert.match(text, /buildImageBundle\(REPO\)/, `${f} builds the bundle`);
    assert.match(text, /env: \{ \.\.\.process\.env, \.\.\.IMAGE_ENTRY_ENV \}/, `${f} runs the bundle`);
  }
});

test("the bundle takes node's own modules by require(), never through their ES module facade", async () => {
  // Node builds a builtin's ES module namespace by reading every export, lazy getters included:
  // on Node 24, `import { createServer } from 'node:http'` loads Node's internal undici (13.5 MB of
  // RSS in a bare process). scripts/bundle.mjs turns such imports into require() calls.
  const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = mkdtempSync(join(tmpdir(), 'sluice-bundle-'));
  execFileSync(process.execPath, [join(REPO, 'scripts', 'bundle.mjs')], { cwd: REPO, env: { ...process.env, SLUICE_BUNDLE_OUT: out } });
  const files = readdirSync(out).filter((f) => f.endsWith('.js'));
  assert.ok(files.includes('main.js'));
  const facades = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(join(out, f), 'utf8').matchAll(/(?:from|import)\s*["'](node:[a-z_/]+|http|https|fs|util|net|tls|events|stream|path)["']/g)) facades.add(m[1]!);
  }
  assert.deepEqual([...facades], ['node:module'], 'only node:module (the banner\'s createRequire) is imported as an ES module');
  assert.ok(files.some((f) => readFileSync(join(out, f), 'utf8').includes('("node:http")')), 'node:http is required');
});
