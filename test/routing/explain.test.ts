/**
 * `sluice explain` end to end: the real CLI (node bin/sluice.js) with a config whose docker.host is
 * the private test engine, against real containers; plus the formatter on a hand-built config.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestDocker, hasDocker, DOCKER_HOST } from '../helpers/docker.js';
import { explainContainer, formatExplanation } from '../../src/routing/explain.js';
import { parseArgs } from '../../src/cli/explain.js';
import { info, route } from './helpers.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'sluice.js');

async function explain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'explain', ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sluice explain CLI', { skip: hasDocker ? false : 'no SLUICE_TEST_DOCKER_HOST' }, () => {
  const td = new TestDocker();
  let dir = '';
  let config = '';
  let payId = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-explain-'));
    config = join(dir, 'sluice.yaml');
    await writeFile(
      config,
      [
        'version: 1',
        `docker: { host: "${DOCKER_HOST}" }`,
        'containers:',
        '  exclude: { labels: { skipme: "*" } }',
        'routes:',
        '  - name: payments',
        '    match: { name: ["pay-*"], labels: { team: payments } }',
        '    destination: { type: console }',
        '  - name: errors',
        '    match: { source: [stderr] }',
        '    destination: { type: console }',
        '  - name: audit',
        '    match: { labels: { audit: "true" } }',
        '    destination: { type: console }',
        '',
      ].join('\n'),
    );
    [payId] = await Promise.all([
      td.run({ script: 'true', name: td.name('pay'), labels: { team: 'payments' }, start: false }),
      td.run({ script: 'true', name: td.name('other'), labels: { skipme: '1', team: 'search' }, start: false }),
    ]);
  });
  after(async () => {
    await td.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  test('a matching container: collected, its routes, and why not the others', async () => {
    // Looked up by an id prefix; the output names the container.
    const r = await explain('--config', config, payId.slice(0, 12));
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, new RegExp(`^container  ${td.name('pay')} \\(${payId.slice(0, 12)}\\)$`, 'm'));
    assert.match(out, /^collected  yes: every container is collected unless excluded$/m);
    assert.match(out, /^routes     2 of 3 match$/m);
    assert.match(out, /^ {2}match  payments  stdout, stderr$/m);
    assert.match(out, /^ {2}match  errors    stderr only \(match\.source\)$/m);
    assert.match(out, /^ {2}skip   audit     match\.labels\.audit: the container has no label "audit"$/m);
  });

  test('a non-matching container: not collected (containers.exclude) and the first failing condition per route', async () => {
    const r = await explain(`--config=${config}`, td.name('other'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^collected  no: it matches containers\.exclude$/m);
    assert.match(r.stdout, /^routes     1 of 3 match \(but the container is not collected, so none receives its logs\)$/m);
    assert.match(r.stdout, new RegExp(`^  skip   payments  match\\.name: "${td.name('other')}" matches none of \\["pay-\\*"\\]$`, 'm'));
    assert.match(r.stdout, /^ {2}skip   audit     match\.labels\.audit: the container has no label "audit"$/m);
  });

  test('exit 1 for an unknown container, 2 for a config error (usage errors: parseArgs below)', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'version: 1\nroutes: [{ name: x }]\n');
    const [missing, invalid] = await Promise.all([explain('--config', config, 'no-such-container-' + td.runId), explain('--config', bad, 'x')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no container named or with id "no-such-container-/);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /the config is not valid:\n {2}.*bad\.yaml:2:\d+: routes\[0\]/);
  });
});

test('explain argument parsing', () => {
  assert.deepEqual(parseArgs(['--config', 'f.yaml', 'web']), { config: 'f.yaml', container: 'web' });
  assert.deepEqual(parseArgs(['web', '-c', 'f.yaml']), { config: 'f.yaml', container: 'web' });
  assert.equal(parseArgs(['--config', 'f.yaml']), 'missing CONTAINER (a name or an id)');
  assert.equal(parseArgs(['--config', 'f.yaml', 'a', 'b']), 'one CONTAINER expected, got 2');
  assert.equal(parseArgs(['--verbose', 'a']), 'unknown option --verbose');
  assert.equal(parseArgs(['web']), 'missing --config FILE');
});

test('explain text: sluice.routes, exclude by source, opt-out label', () => {
  const cfg = {
    containers: { optIn: false, backfill: { kind: 'none' as const } },
    routes: [route('a', { exclude: { source: ['stdout'] } }), route('b'), route('c', { match: { image: ['myorg/*'] } })],
  };
  const c = info({ name: 'web', labels: { 'sluice.routes': 'a,c', 'sluice.enable': 'false' } });
  assert.equal(
    formatExplanation(explainContainer(cfg, c)),
    [
      `container  web (${'a'.repeat(12)})`,
      'image      busybox',
      'collected  no: label sluice.enable=false',
      'routes     1 of 3 match (but the container is not collected, so none receives its logs)',
      '  match  a  stderr only; exclude: the container meets every exclude condition (source in ["stdout"])',
      '  skip   b  label sluice.routes=a,c does not name this route',
      '  skip   c  match.image: "busybox" matches none of ["myorg/*"]',
      '',
    ].join('\n'),
  );
});
