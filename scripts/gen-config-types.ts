/**
 * Regenerates what is derived from schema/sluice.schema.json:
 *   src/config/schema.gen.ts   TypeScript types of the raw config (json-schema-to-typescript)
 *   docs/configuration.md      every key with its type, default and description
 *   src/config/validator.gen.ts the validator as code (scripts/gen-validator.ts)
 * `npm run gen:types` writes them all; `--check` exits 1 when any is stale (the tests do the same).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { renderDocs } from './config-docs.js';
import { VALIDATOR_FILE, renderValidator } from './gen-validator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TYPES_FILE = join(root, 'src/config/schema.gen.ts');
export const DOCS_FILE = join(root, 'docs/configuration.md');

async function loadSchema(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(root, 'schema/sluice.schema.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * json-schema-to-typescript declares a new type for every `$ref` that has siblings (our per-key
 * `description` and `default`), giving ContainerMatch1, Tls2...; the types only need the reference.
 */
function bareRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(bareRefs);
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string') return { $ref: obj.$ref };
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, bareRefs(v)]));
}

export async function renderTypes(): Promise<string> {
  const schema = bareRefs(await loadSchema());
  return compile(schema as never, 'SluiceConfig', {
    bannerComment: '/* Generated from schema/sluice.schema.json by scripts/gen-config-types.ts (npm run gen:types). Do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: false,
    format: true,
    style: { singleQuote: true, printWidth: 140 },
  });
}

export async function renderDocsFromSchema(): Promise<string> {
  return renderDocs(await loadSchema());
}

async function main(checkOnly: boolean): Promise<number> {
  const outputs: [string, string][] = [
    [TYPES_FILE, await renderTypes()],
    [DOCS_FILE, await renderDocsFromSchema()],
    [VALIDATOR_FILE, await renderValidator()],
  ];
  let stale = 0;
  for (const [file, text] of outputs) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current === text) continue;
    if (checkOnly) {
      process.stderr.write(`${file} is stale: run npm run gen:types\n`);
      stale++;
    } else {
      await writeFile(file, text);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.includes('--check'));
}
