/**
 * The suite's runner (scripts/run-tests.sh, what `npm test` and CI call) ends a test file whose tests
 * are done even when a failing test left a handle open: the failure is reported and the run goes on,
 * instead of the runner waiting for that file until CI's time limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');

test('a failing test that leaves a server listening fails its file promptly instead of hanging the run', () => {
  const r = spawnSync('bash', ['scripts/run-tests.sh', 'test/fixtures/runner/open-server-fails.fixture.ts'], {
    cwd: REPO,
    // NODE_TEST_CONTEXT would make the inner runner report to this one instead of printing TAP.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT')), SLUICE_TEST_SKIP_BUILD: '1' },
    encoding: 'utf8',
    // Without --test-force-exit the file never ends; give up well before the suite would notice.
    timeout: 60_000,
  });
  assert.equal(r.signal, null, `the runner was still waiting after 60 s\n${r.stdout.slice(-800)}`);
  assert.equal(r.status, 1, r.stdout.slice(-800) + r.stderr.slice(-800));
  assert.match(r.stdout, /^0 passed, 1 failed$/m);
});
