import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/sluice.js'), ...args], { cwd: root, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('sluice validate: 0 valid, 1 invalid with errors on stderr, 2 usage', async () => {
  const [valid, invalid, usage, missing] = await Promise.all([
    sluice(['validate', 'config/sluice.yaml']),
    sluice(['validate', 'test/fixtures/config/invalid/several.yaml']),
    sluice(['validate']),
    sluice(['validate', 'no/such.yaml']),
  ]);
  assert.equal(valid.code, 0);
  assert.equal(valid.stdout, 'config/sluice.yaml: valid\n');
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /^test\/fixtures\/config\/invalid\/several\.yaml:1:10: version: expected 1, got 2$/m);
  assert.match(invalid.stderr, /: 9 errors\n$/);
  assert.equal(usage.code, 2);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read the config file/);
});

test('sluice schema and sluice version', async () => {
  const [schema, version] = await Promise.all([sluice(['schema']), sluice(['version'])]);
  assert.equal(schema.code, 0);
  assert.equal((JSON.parse(schema.stdout) as { title: string }).title, 'SluiceConfig');
  assert.match(version.stdout, /^sluice \d+\.\d+\.\d+/);
});
