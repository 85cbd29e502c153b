/**
 * The JSON Schema (schema/sluice.schema.json) and its validators:
 *   validateFast   generated from the schema at build time (scripts/gen-validator.ts, ajv standalone):
 *                  says valid or not and fills in defaults, without loading ajv's compiler
 *   validator()    ajv's compiled validator with verbose errors, compiled on first use: only a config
 *                  that fails validateFast (or `sluice validate` on one) pays for it (~12 MB of RSS)
 * Both use the same options and custom keywords (src/config/keywords.ts).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../../schema/sluice.schema.json' with { type: 'json' };
import { createAjv } from './keywords.js';
import type { SluiceConfig } from './schema.gen.js';
import { validate as generated } from './validator.gen.js';


/** A deep copy of the schema, for `sluice schema` and for tools; callers may mutate it. */
export function schemaJson(): object {
  return structuredClone(schema) as object;
}

/** The schema as loaded (read-only use inside config/). */
export const SCHEMA: Readonly<Record<string, unknown>> = schema as Record<string, unknown>;

/** The build-time validator: true when valid. Mutates its input: fills in schema defaults. */
export const validateFast = generated as unknown as (data: unknown) => data is SluiceConfig;

let compiled: ValidateFunction<SluiceConfig> | undefined;

/** The compiled validator, for error messages. Mutates its input: fills in schema defaults (useDefaults). */
export function validator(): ValidateFunction<SluiceConfig> {
  compiled ??= createAjv({ verbose: true }).compile<SluiceConfig>(schema);
  return compiled;
}
