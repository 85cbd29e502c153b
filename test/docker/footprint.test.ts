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

const REPO = join(import.meta.dirname, '..', '..');
const src = (p: string) => JSON.stringify(pathToFileURL(join(REPO, 'src', p)).href);

/** The npm packages in the CommonJS module cache of a fresh process after running `body`. */
function packagesAfter(body: string): Set<string> {
  const script = `
import { createRequire } from 'node:module';
${body}
const names = Object.keys(createRequire(import.meta.url).cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
process.stdout.write(JSON.stringify([...new Set(names)]));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
  return new Set(JSON.parse(out) as string[]);
}

test('the agent as `sluice run` loads it: dockerode without ssh2 or gRPC, prom-client without OpenTelemetry, and no undici without an HTTP route', () => {
  const pkgs = packagesAfter(`
await import(${src('cli/run.ts')});
const { connectDocker } = await import(${src('docker/client.ts')});
void connectDocker;`);
  for (const used of ['dockerode', 'docker-modem', 'yaml', 'ajv', 'prom-client', 'pino']) assert.ok(pkgs.has(used), `${used} is loaded`);
  for (const unused of ['ssh2', 'cpu-features', '@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', '@opentelemetry/api', 'undici']) assert.ok(!pkgs.has(unused), `${unused} is not loaded`);
});

test('an HTTP sink loads undici when it is built', () => {
  const pkgs = packagesAfter(`
const { createSink } = await import(${src('sinks/index.ts')});
const { httpDest } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'test', 'sinks', 'dests.ts')).href)});
const { pino } = await import('pino');
const sink = createSink(httpDest('http://127.0.0.1:9/'), { logger: pino({ level: 'silent' }) });
await sink.close();`);
  assert.ok(pkgs.has('undici'));
});
