/**
 * The JSON Schema (schema/sluice.schema.json) and its ajv validator, compiled once per process on
 * first use. Custom keywords let the schema itself say which strings are regexes, patterns and
 * templates, so a bad one is reported with every other error, at its position:
 *   x-regex    a regular expression in RE2 syntax (no slashes; src/util/regex.ts)
 *   x-pattern  a glob, exact value or /regex/ (src/util/pattern.ts)
 *   x-template a {{ field }} template (src/routing/template.ts)
 *   x-unique   on an array: this property must differ between elements (route names)
 *   x-expected annotation: the plain words an error uses for what was expected
 *   x-secret   annotation: never show this value in an error
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import schema from '../../schema/sluice.schema.json' with { type: 'json' };
import { compilePattern } from '../util/pattern.js';
import { compileRegex } from '../util/regex.js';
import { compileTemplate } from '../routing/template.js';
import { formatPath, pointerToPath } from './errors.js';
import type { SluiceConfig } from './schema.gen.js';

/** A deep copy of the schema, for `sluice schema` and for tools; callers may mutate it. */
export function schemaJson(): object {
  return structuredClone(schema) as object;
}

/** The schema as loaded (read-only use inside config/). */
export const SCHEMA: Readonly<Record<string, unknown>> = schema as Record<string, unknown>;

type KeywordError = { keyword: string; message: string; params: Record<string, unknown>; instancePath?: string };
type CheckFn = ((schema: unknown, data: unknown, parent?: unknown, cxt?: DataValidationCxt) => boolean) & { errors?: KeywordError[] };

function check(keyword: string, test: (data: string) => string | undefined): CheckFn {
  const fn: CheckFn = (_schema, data) => {
    const problem = test(data as string);
    fn.errors = problem ? [{ keyword, message: problem, params: {} }] : [];
    return !problem;
  };
  return fn;
}

/** A pattern as an error shows it: patterns are not secrets, but a long one is cut. */
const shown = (s: string): string => (s.length > 120 ? s.slice(0, 117) + '...' : s);

/** The reason a pattern was refused (RegexError's message names no value). */
function regexReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const uniqueCheck: CheckFn = (prop, data, _parent, cxt) => {
  const errors: KeywordError[] = [];
  const seen = new Map<unknown, number>();
  const base = cxt?.instancePath ?? '';
  (data as unknown[]).forEach((item, i) => {
    if (!item || typeof item !== 'object') return;
    const v = (item as Record<string, unknown>)[prop as string];
    if (typeof v !== 'string') return;
    const first = seen.get(v);
    if (first === undefined) seen.set(v, i);
    else {
      const firstPath = formatPath([...pointerToPath(base), first]);
      errors.push({ keyword: 'x-unique', instancePath: `${base}/${i}/${prop as string}`, message: `duplicate ${prop as string} "${v}" (${firstPath} has it too); ${prop as string}s must be unique`, params: {} });
    }
  });
  uniqueCheck.errors = errors;
  return errors.length === 0;
};

let compiled: ValidateFunction<SluiceConfig> | undefined;

/** The validator. Mutates its input: fills in schema defaults (useDefaults). */
export function validator(): ValidateFunction<SluiceConfig> {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true });
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
  ajv.addKeyword({
    keyword: 'x-regex',
    type: 'string',
    schemaType: 'boolean',
    errors: true,
    validate: check('x-regex', (s) => {
      try {
        compileRegex(s);
        return undefined;
      } catch (err) {
        return `invalid regular expression ${shown(`/${s}/`)}: ${regexReason(err)}`;
      }
    }),
  });
  ajv.addKeyword({
    keyword: 'x-pattern',
    type: 'string',
    schemaType: 'boolean',
    errors: true,
    validate: check('x-pattern', (s) => {
      try {
        compilePattern(s);
        return undefined;
      } catch (err) {
        return `invalid regular expression ${shown(s)}: ${regexReason(err)}`;
      }
    }),
  });
  ajv.addKeyword({
    keyword: 'x-template',
    type: 'string',
    schemaType: 'boolean',
    errors: true,
    validate: check('x-template', (s) => {
      try {
        compileTemplate(s);
        return undefined;
      } catch (err) {
        return `invalid template: ${err instanceof Error ? err.message : String(err)}`;
      }
    }),
  });
  ajv.addKeyword({ keyword: 'x-unique', type: 'array', schemaType: 'string', errors: true, validate: uniqueCheck });
  compiled = ajv.compile<SluiceConfig>(schema);
  return compiled;
}
