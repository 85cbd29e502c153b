import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatConfigError, loadConfigFile } from '../../src/config/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/config');
const SECRET = 'hunter2-very-secret';
const env = { SECRET_TOKEN: SECRET, ARCHIVE_URL: `ftp://user:${SECRET}@x`, API_TOKEN: 't0k', HTTP_PASSWORD: 'pw', MEZMO_KEY: 'mk', MAX_ATTEMPTS: '5' };
const yamls = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort();

test('every valid fixture loads', async () => {
  assert.ok(yamls('valid').length >= 2);
  for (const f of yamls('valid')) {
    const r = await loadConfigFile(join(root, 'valid', f), env);
    assert.ok(r.ok, `${f}: ${r.ok ? '' : r.errors.map(formatConfigError).join('\n')}`);
  }
});

test('every invalid fixture gives exactly its expected errors', async () => {
  const files = yamls('invalid');
  for (const kind of ['yaml-syntax', 'unknown-key', 'wrong-type', 'bad-enum', 'bad-duration', 'bad-regex', 'bad-template', 'missing-env', 'duplicate-routes', 'several']) {
    assert.ok(files.includes(`${kind}.yaml`), `fixture ${kind}.yaml exists`);
  }
  for (const f of files) {
    const dir = join(root, 'invalid');
    const expected = readFileSync(join(dir, f.replace(/\.yaml$/, '.expected.txt')), 'utf8');
    const r = await loadConfigFile(join(dir, f), env);
    assert.equal(r.ok, false, `${f} must be invalid`);
    const got = r.ok ? '' : r.errors.map((e) => formatConfigError(e).replace(dir + '/', '')).join('\n') + '\n';
    assert.equal(got, expected, f);
  }
});

test('several errors in one file are reported together, in file order', async () => {
  const r = await loadConfigFile(join(root, 'invalid/several.yaml'), env);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.ok(r.errors.length >= 8);
  const lines = r.errors.map((e) => e.line);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
});

test('a secret that made a value invalid never appears in the errors', async () => {
  const r = await loadConfigFile(join(root, 'invalid/secret-value.yaml'), env);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors.length, 3);
  for (const e of r.errors) assert.ok(!formatConfigError(e).includes('hunter2'), formatConfigError(e));
});
