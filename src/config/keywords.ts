/**
 * The schema's custom keywords, shared by the compiled validator (src/config/schema.ts) and the
 * standalone one generated from it at build time (src/config/validator.gen.ts imports these):
 *   x-regex    a regular expression in RE2 syntax (no slashes; src/util/regex.ts)
 *   x-pattern  a glob, exact value or /regex/ (src/util/pattern.ts)
 *   x-template a {{ field }} template (src/routing/template.ts)
 *   x-unique   on an array: this property must differ between elements (route names)
 *   x-expected annotation: the plain words an error uses for what was expected
 *   x-secret   annotation: never show this value in an error
 * ajv itself is loaded only when createAjv is called.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import { compilePattern } from '../util/pattern.js';
import { compileRegex } from '../util/regex.js';
import { compileTemplate } from '../routing/template.js';
import { formatPath, pointerToPath } from './errors.js';

/** ajv's options for the schema: the same for the compiled and the generated validator. */
export const AJV_OPTIONS = { allErrors: true, useDefaults: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true } as const;

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

export const xUnique: CheckFn = (prop, data, _parent, cxt) => {
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
  xUnique.errors = errors;
  return errors.length === 0;
};

export const xRegex = check('x-regex', (s) => {
  try {
    compileRegex(s);
    return undefined;
  } catch (err) {
    return `invalid regular expression ${shown(`/${s}/`)}: ${regexReason(err)}`;
  }
});

export const xPattern = check('x-pattern', (s) => {
  try {
    compilePattern(s);
    return undefined;
  } catch (err) {
    return `invalid regular expression ${shown(s)}: ${regexReason(err)}`;
  }
});

export const xTemplate = check('x-template', (s) => {
  try {
    compileTemplate(s);
    return undefined;
  } catch (err) {
    return `invalid template: ${err instanceof Error ? err.message : String(err)}`;
  }
});

/** The exported name of each keyword's check (the generated validator imports them by these names). */
export const KEYWORD_CHECKS = { 'x-regex': ['xRegex', xRegex], 'x-pattern': ['xPattern', xPattern], 'x-template': ['xTemplate', xTemplate], 'x-unique': ['xUnique', xUnique] } as const;

const requireCjs = createRequire(import.meta.url);

/** A fresh ajv instance with sluice's options and keywords (`extra`: e.g. verbose, code generation). */
export function createAjv(extra: Record<string, unknown> = {}): Ajv2020 {
  const { Ajv2020: Ajv } = requireCjs('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addKeywords(ajv);
  return ajv;
}

/** Declares the custom keywords on an ajv instance. */
function addKeywords(ajv: Ajv2020): void {
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'x-regex', type: 'string', schemaType: 'boolean', errors: true, validate: xRegex });
  ajv.addKeyword({ keyword: 'x-pattern', type: 'string', schemaType: 'boolean', errors: true, validate: xPattern });
  ajv.addKeyword({ keyword: 'x-template', type: 'string', schemaType: 'boolean', errors: true, validate: xTemplate });
  ajv.addKeyword({ keyword: 'x-unique', type: 'array', schemaType: 'string', errors: true, validate: xUnique });
}
