/**
 * Renders src/config/validator.gen.ts: the config schema's validator as code (ajv standalone), so the
 * running agent validates its config without loading ajv's compiler (~12 MB of RSS). Written by
 * `npm run gen:types` with the other derived files; a test fails when it is stale.
 *
 * The custom keywords' checks are functions, which ajv cannot print: they are given the name the
 * generated module imports them by (src/config/keywords.ts, KEYWORD_CHECKS). ajv's runtime helpers,
 * required by the code ajv prints, become imports of the same files.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Name } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { KEYWORD_CHECKS, createAjv } from '../src/config/keywords.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VALIDATOR_FILE = join(root, 'src/config/validator.gen.ts');

export async function renderValidator(): Promise<string> {
  const schema = JSON.parse(await readFile(join(root, 'schema/sluice.schema.json'), 'utf8')) as object;
  const ajv = createAjv({ code: { source: true, esm: true, lines: true } });
  const names = new Map<unknown, string>(Object.values(KEYWORD_CHECKS).map(([name, fn]) => [fn, name]));
  type Scope = { value(prefix: unknown, value: { ref: unknown; code?: unknown }): unknown };
  const scope = (ajv as unknown as { scope: Scope }).scope;
  const value = scope.value.bind(scope);
  scope.value = (prefix, v) => {
    const name = names.get(v.ref);
    return value(prefix, name ? { ...v, code: new Name(name) } : v);
  };
  const code = standalone.default(ajv, ajv.compile(schema));
  const helpers = new Map<string, string>();
  const body = code.replace(/require\("(ajv\/dist\/runtime\/[\w]+)"\)\.default/g, (_m: string, path: string) => {
    const name = `runtime_${path.split('/').pop()!}`;
    helpers.set(name, path);
    return name;
  });
  const imports = [...helpers].map(([name, path]) => `import ${name}Module from '${path}.js';\nconst ${name} = ${name}Module.default;`);
  return [
    '// Generated from schema/sluice.schema.json by scripts/gen-validator.ts (npm run gen:types). Do not edit.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    `import { ${[...names.values()].join(', ')} } from './keywords.js';`,
    ...imports,
    "// ajv calls keyword checks with its instance as `this` (`self` in its code); these never read it.",
    'const self = undefined;',
    body.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}
