import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatConfigError, loadConfigFile, loadConfigText } from '../../src/config/load.js';
import { renderDocsFromSchema, renderTypes, TYPES_FILE, DOCS_FILE } from '../../scripts/gen-config-types.js';
import { renderValidator, VALIDATOR_FILE } from '../../scripts/gen-validator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
// The files the examples point at on a real host (TLS material, mounted secrets).
const fake: Record<string, string> = {
  '/etc/sluice/ca.pem': PEM,
  '/tls/ca.pem': PEM,
  '/tls/client.pem': PEM,
  '/tls/client-key.pem': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
  '/etc/sluice-secrets/mezmo-ingestion-key': 'k8s-key\n',
};
const readText = async (p: string): Promise<string> => fake[p] ?? readFile(p, 'utf8');
const env = { MEZMO_INGESTION_KEY: 'key', ARCHIVE_TOKEN: 'tok', SLUICE_TLS_DIR: '/tls', NODE_NAME: 'node-1' };

test('the embedded default and every example in config/ validate', async () => {
  const files = ['config/sluice.yaml', ...readdirSync(join(root, 'config/examples')).filter((f) => f.endsWith('.yaml')).map((f) => `config/examples/${f}`)];
  for (const name of ['mezmo', 'syslog-tls', 'http-archive', 'opt-in', 'multiline', 'kubernetes', 'kubernetes-containerd', 'spec-example']) assert.ok(files.includes(`config/examples/${name}.yaml`), name);
  for (const f of files) {
    const text = readFileSync(join(root, f), 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=(\.\.\/)+schema\/sluice\.schema\.json$/m, `${f} has the schema modeline`);
    const r = await loadConfigFile(join(root, f), env, { readText });
    assert.ok(r.ok, `${f}:\n${r.ok ? '' : r.errors.map(formatConfigError).join('\n')}`);
  }
});

test('the embedded default routes every container to the console', async () => {
  const r = await loadConfigFile(join(root, 'config/sluice.yaml'), {});
  assert.ok(r.ok);
  assert.deepEqual(r.config.routes.map((x) => [x.name, x.destination.type, x.match]), [['console', 'console', undefined]]);
});

test('the SPEC §2 example is kept verbatim', () => {
  const spec = readFileSync('/work/shared/SPEC.md', 'utf8').match(/```yaml\n([\s\S]*?)```/)?.[1];
  if (!spec) return; // the SPEC lives outside the repository; nothing to compare in a bare checkout
  const example = readFileSync(join(root, 'config/examples/spec-example.yaml'), 'utf8').split('\n').filter((l) => !l.startsWith('# The example of SPEC')).join('\n');
  assert.equal(example.replace('../../schema', '../schema'), spec);
});

test('src/config/schema.gen.ts is up to date with the schema (npm run gen:types)', async () => {
  assert.equal(await readFile(TYPES_FILE, 'utf8'), await renderTypes());
});

test('src/config/validator.gen.ts, the validator the agent runs, is up to date with the schema (npm run gen:types)', async () => {
  assert.equal(await readFile(VALIDATOR_FILE, 'utf8'), await renderValidator());
});

test('docs/configuration.md is up to date and documents every key (npm run gen:types)', async () => {
  const docs = await readFile(DOCS_FILE, 'utf8');
  assert.equal(docs, await renderDocsFromSchema());
  const schema = JSON.parse(readFileSync(join(root, 'schema/sluice.schema.json'), 'utf8')) as Record<string, unknown>;
  const missing: string[] = [];
  const walk = (node: unknown, where: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (!v.description) missing.push(`${where}.${k} has no description`);
      if (!docs.includes(`\`${k}\``) && !docs.includes(`.${k}\``)) missing.push(`${where}.${k} is not in the docs`);
    }
    if (n.type === 'object' && n.properties && n.additionalProperties === undefined) missing.push(`${where} lacks additionalProperties`);
    for (const v of Object.values(n)) if (typeof v === 'object') walk(v, where);
  };
  walk(schema, '#');
  assert.deepEqual(missing, []);
});

test('every yaml block in README.md validates', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 1, 'README has a yaml example');
  for (const [i, text] of blocks.entries()) {
    const r = await loadConfigText(text, `README.md#yaml-${i + 1}`, env, { readText });
    assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
  }
});
