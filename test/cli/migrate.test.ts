/**
 * `sluice migrate` as a user runs it: YAML on stdout that `sluice validate` accepts, what could not be
 * translated on stderr by name, exit 0 / 1 / 2, env files as docker inspect, Compose or .env hold
 * them, and never a secret value in any output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvText } from '../../src/migrate/env-file.js';
import { REPO } from '../helpers/sluice-process.js';

const CANARY = 'canary-P4n9-must-not-print';
const BIN = join(REPO, 'bin', 'sluice.js');

function sluice(args: string[], env: Record<string, string> = {}) {
  // A clean environment: the test runner's own variables are not logspout's.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): { dir: string; file: (name: string, text: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-migrate-cli-'));
  return { dir, file: (name, text) => (writeFileSync(join(dir, name), text), join(dir, name)) };
}

test('everything translated: exit 0, YAML that sluice validate accepts, the key as a ${} reference', (t) => {
  const d = tmp();
  t.after(() => rmSync(d.dir, { recursive: true, force: true }));
  const r = sluice(['migrate', 'syslog+tls://logs.example.com:6514?filter.name=*_web&append_tag=.web'], { LOGDNA_KEY: CANARY, TAGS: 'prod', EXCLUDE_LABEL: 'logspout.exclude' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /every setting translated/);
  assert.match(r.stdout, /key: \$\{LOGDNA_KEY\}/);
  assert.ok(!r.stdout.includes(CANARY) && !r.stderr.includes(CANARY));
  const v = sluice(['validate', d.file('out.yaml', r.stdout)], { LOGDNA_KEY: CANARY });
  assert.equal(v.code, 0, v.stderr);
  assert.ok(!v.stdout.includes(CANARY) && !v.stderr.includes(CANARY));
});

test('--env-file with docker inspect output: the command holds the routes; unknown keys reported by name, exit 1, no value printed', (t) => {
  const d = tmp();
  t.after(() => rmSync(d.dir, { recursive: true, force: true }));
  const inspect = [
    {
      Id: 'abc',
      Args: ['syslog+tcp://rsyslog:514?token=' + CANARY],
      Config: { Env: ['PATH=/usr/bin', `LOGDNA_KEY=${CANARY}`, 'SYSLOG_FORMAT=rfc3164', `PAPERTRAIL_TOKEN=${CANARY}`, 'TAIL=10'], Cmd: ['syslog+tcp://rsyslog:514?token=' + CANARY] },
    },
  ];
  const r = sluice(['migrate', '--env-file', d.file('inspect.json', JSON.stringify(inspect))]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /PAPERTRAIL_TOKEN: not translated/);
  assert.match(r.stderr, /route 1 token: not translated/);
  assert.match(r.stdout, /format: rfc3164/);
  assert.match(r.stdout, /NOT TRANSLATED/);
  assert.ok(!r.stdout.includes(CANARY) && !r.stderr.includes(CANARY), r.stdout + r.stderr);
});

test('usage errors exit 2', async () => {
  assert.equal(sluice(['migrate', '--nope']).code, 2);
  // In-process: under tsx, Node 20's loader thread reads a `--env-file` argument itself and exits 9
  // when the file is missing, before sluice sees it (the compiled image has no loader thread).
  const { default: migrateCommand } = await import('../../src/cli/migrate.js');
  assert.equal(await migrateCommand(['--env-file', '/nonexistent/env']), 2);
});

test('no route at all is reported (exit 1)', () => {
  const r = sluice(['migrate']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /routes: no route/);
});

test('env files: .env lines, a pasted Compose environment block, and a Compose file', () => {
  const dotenv = readEnvText(`# logspout\nexport ROUTE_URIS="syslog://a:514,raw+tcp://b:5000"\nSYSLOG_TAG='{{.ContainerName}}'\nTAIL=100 # lines\n\nEMPTY=\n`);
  assert.ok(dotenv.ok);
  assert.deepEqual(dotenv.input.env, { ROUTE_URIS: 'syslog://a:514,raw+tcp://b:5000', SYSLOG_TAG: '{{.ContainerName}}', TAIL: '100', EMPTY: '' });

  const block = readEnvText(`    environment:\n      - LOGDNA_KEY=abc\n      - "TAGS=a,b"\n      FILTER_NAME: "*_web"\n`);
  assert.ok(block.ok);
  assert.deepEqual(block.input.env, { environment: '', LOGDNA_KEY: 'abc', TAGS: 'a,b', FILTER_NAME: '*_web' });

  const compose = readEnvText(`services:\n  app:\n    image: nginx\n  logspout:\n    image: gliderlabs/logspout:v3.2.14\n    command: syslog+tls://logs.example.com:6514\n    environment:\n      EXCLUDE_LABEL: logspout.exclude\n      BACKLOG: "true"\n`);
  assert.ok(compose.ok);
  assert.deepEqual(compose.input, { env: { EXCLUDE_LABEL: 'logspout.exclude', BACKLOG: 'true' }, routeArg: 'syslog+tls://logs.example.com:6514' });

  const list = readEnvText(JSON.stringify(['A=1', 'B=x=y']));
  assert.ok(list.ok);
  assert.deepEqual(list.input.env, { A: '1', B: 'x=y' });
});
