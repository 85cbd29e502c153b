/**
 * Runs the schema validator and turns ajv's errors into plain sentences at the right line and column.
 * A value is quoted back to the user only when it is short, came from the file as written (not from
 * interpolation) and is not marked x-secret.
 */
import type { ErrorObject } from 'ajv';
import type { ConfigError } from './errors.js';
import { maskUrlCredentials, pointerToPath } from './errors.js';
import type { Locator } from './document.js';
import { SCHEMA, validateFast, validator } from './schema.js';
import type { SluiceConfig } from './schema.gen.js';

type S = Record<string, unknown>;

export interface ValidateContext {
  readonly locator: Locator;
  /** JSON pointers of values that came from `${...}`: never shown. */
  readonly interpolated: ReadonlySet<string>;
  /** JSON pointers already reported (interpolation failures): their schema errors would only repeat. */
  readonly skip: ReadonlySet<string>;
}

/** Validates `data` in place (defaults filled in); returns the errors, or none. */
export function validateConfig(data: unknown, cx: ValidateContext): { config?: SluiceConfig; errors: ConfigError[] } {
  // The generated validator decides; only an invalid config loads ajv's compiler, for the errors'
  // wording (verbose errors), on an untouched copy (the first pass filled in defaults).
  const copy = structuredClone(data);
  if (validateFast(data)) return { config: data, errors: [] };
  const validate = validator();
  if (validate(copy)) throw new Error('internal error: the generated config validator is stale (npm run gen:types)');
  const errors: ConfigError[] = [];
  for (const e of validate.errors ?? []) {
    if (cx.skip.has(e.instancePath)) continue;
    const translated = translate(e, cx);
    if (translated) errors.push(translated);
  }
  return { errors };
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'null',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return 'true/false';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  return 'a string';
}

function translate(e: ErrorObject, cx: ValidateContext): ConfigError | undefined {
  const path = pointerToPath(e.instancePath);
  const parent = (e.parentSchema ?? {}) as S;
  const expected = parent['x-expected'] as string | undefined;
  const got = (): string => {
    const v: unknown = e.data;
    const secret = cx.interpolated.has(e.instancePath) || parent['x-secret'] === true;
    // A URL's inline password is a secret too, wherever the URL is written.
    if (!secret && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v).length <= 60) return `, got ${maskUrlCredentials(JSON.stringify(v))}`;
    return '';
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as S);
      const near = known.find((k) => editDistance(k, key) <= 2);
      const hint = near ? `did you mean "${near}"?` : `expected one of: ${known.join(', ')}`;
      return cx.locator.error([...path, key], `unknown key (${hint})`, true);
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return cx.locator.error([...path, key], 'required key is missing', true);
    }
    case 'type': {
      const want = expected ?? String((e.params as { type: string }).type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      return cx.locator.error(path, `expected ${want}, got ${describe(e.data)}`);
    }
    case 'enum':
      return cx.locator.error(path, `expected ${expected ?? 'one of: ' + (e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}${got()}`);
    case 'const':
      return cx.locator.error(path, `expected ${expected ?? JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}${got()}`);
    case 'pattern':
      return cx.locator.error(path, `expected ${expected ?? 'text matching ' + String((e.params as { pattern: string }).pattern)}${got()}`);
    case 'minimum':
      return cx.locator.error(path, `expected a number >= ${String((e.params as { limit: number }).limit)}${got()}`);
    case 'maximum':
      return cx.locator.error(path, `expected a number <= ${String((e.params as { limit: number }).limit)}${got()}`);
    case 'minLength':
      return cx.locator.error(path, 'must not be empty');
    case 'minItems':
      return cx.locator.error(path, `expected at least ${String((e.params as { limit: number }).limit)} item(s)`);
    case 'discriminator': {
      const p = e.params as { error: string; tag: string; tagValue: unknown };
      const data = e.data as S | undefined;
      if (p.error === 'tag' && (data === undefined || data === null || typeof data !== 'object' || data[p.tag] === undefined)) return undefined; // `required` says it
      const kinds = ((parent.oneOf ?? []) as S[]).map(branchTag(p.tag)).filter(Boolean).join(', ');
      const value = typeof p.tagValue === 'string' && p.tagValue.length <= 60 ? `, got ${JSON.stringify(p.tagValue)}` : '';
      return cx.locator.error([...path, p.tag], `expected one of: ${kinds}${value}`);
    }
    case 'x-regex':
    case 'x-pattern':
    case 'x-template':
    case 'x-unique':
      return cx.locator.error(path, e.message ?? 'invalid');
    case 'oneOf':
    case 'anyOf':
    case 'if':
      return undefined; // the branch's own errors (via discriminator) say what is wrong
    default:
      return cx.locator.error(path, `is invalid (${e.keyword}${e.message ? ': ' + e.message : ''})`);
  }
}

function branchTag(tag: string): (branch: S) => string | undefined {
  return (branch) => {
    const ref = branch.$ref as string | undefined;
    const node = ref ? ((SCHEMA.$defs as Record<string, S>)[ref.replace('#/$defs/', '')] ?? {}) : branch;
    return ((node.properties as Record<string, S> | undefined)?.[tag]?.const as string | undefined) ?? undefined;
  };
}

/** Levenshtein distance, for "did you mean" on unknown keys (short strings only). */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
