/**
 * Loading a config file, in stages that all report into one error list:
 *
 *   text ─ parseYaml (positions) ─ interpolate ${...} ─ validate (ajv, defaults) ─ resolve ─ ResolvedConfig
 *
 * A YAML syntax error stops at the first stage (there is no tree to check). Interpolation and schema
 * errors are reported together; resolve runs only on a schema-valid tree, since it relies on the types.
 */
import { readFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import type { Scalar } from 'yaml';
import type { ResolvedConfig } from './types.js';
import { sortErrors, type ConfigError, type DataPath } from './errors.js';
import { forEachStringScalar, parseYaml, type Locator } from './document.js';
import { expand, hasReferences, parseInterpolation, trimOneNewline, type ExpandInput, type Piece } from './interpolate.js';
import { validateConfig } from './validate.js';
import { resolveConfig } from './resolve.js';
import { absolute, defaultReadText, fsReason, type ResolveContext } from './context.js';
import { Digest } from '../util/digest.js';
import type { SluiceConfig } from './schema.gen.js';

export type { ConfigError } from './errors.js';
export { formatConfigError } from './errors.js';

export type LoadResult = { ok: true; config: ResolvedConfig } | { ok: false; errors: ConfigError[] };

export interface LoadOptions {
  /** Reads `${file:}` and PEM files; default: the file system. */
  readonly readText?: (path: string) => Promise<string>;
  /** Default `hostname`; default: os.hostname(). */
  readonly hostname?: string;
}

/** Reads and loads `path`. Errors name the file as `path` was given. */
export async function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [{ file: path, line: 1, col: 1, path: '', message: `cannot read the config file: ${fsReason(err)}` }] };
  }
  return loadConfigText(text, path, env, options);
}

const pointer = (path: DataPath): string => path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** Loads config text as if read from `file` (relative `${file:}` and PEM paths resolve beside it). */
export async function loadConfigText(text: string, file: string, env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Promise<LoadResult> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, errors: sortErrors(parsed.errors) };
  const { doc, locator } = parsed;
  const errors: ConfigError[] = [];
  const readText = options.readText ?? defaultReadText;
  const ctx: ResolveContext = {
    report: (path, message) => errors.push(locator.error(path, message)),
    env,
    baseDir: dirname(resolvePath(file)),
    readText,
    hostname: options.hostname ?? osHostname(),
  };

  const interp = await interpolate(doc, locator, ctx, errors);
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  const written = structuredClone(data) as Partial<SluiceConfig>;
  const checked = validateConfig(data, { locator, interpolated: interp.interpolated, skip: interp.failed });
  errors.push(...checked.errors);
  if (errors.length || !checked.config) return { ok: false, errors: sortErrors(errors) };

  const hash = new Digest().update(text);
  for (const f of interp.fileTexts) hash.update(f);
  const config = await resolveConfig(ctx, { config: checked.config, written, file: resolvePath(file), hash: hash.hex(), secretFiles: interp.secretFiles });
  if (errors.length || !config) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, config };
}

interface Interpolated {
  /** Pointers of values that took anything from the environment or a file. */
  readonly interpolated: Set<string>;
  /** Pointers whose interpolation failed (already reported). */
  readonly failed: Set<string>;
  readonly secretFiles: string[];
  readonly fileTexts: string[];
}

async function interpolate(doc: Parameters<typeof forEachStringScalar>[0], locator: Locator, ctx: ResolveContext, errors: ConfigError[]): Promise<Interpolated> {
  const out: Interpolated = { interpolated: new Set(), failed: new Set(), secretFiles: [], fileTexts: [] };
  const todo: { node: Scalar<string>; path: DataPath; pieces: readonly Piece[] }[] = [];
  forEachStringScalar(doc, (node, path) => {
    if (!hasReferences(node.value)) return;
    const parsed = parseInterpolation(node.value);
    if (!parsed.ok) {
      errors.push(locator.error(path, parsed.message));
      out.failed.add(pointer(path));
    } else todo.push({ node, path, pieces: parsed.pieces });
  });

  // Read every referenced file once, in order of first use (the hash depends on that order).
  const files = new Map<string, { ok: true; text: string } | { ok: false; message: string }>();
  for (const { pieces } of todo) {
    for (const p of pieces) {
      if (p.kind !== 'file' || files.has(p.path)) continue;
      const abs = absolute(ctx, p.path);
      try {
        const text = trimOneNewline(await ctx.readText(abs));
        files.set(p.path, { ok: true, text });
        out.secretFiles.push(abs);
        out.fileTexts.push(text);
      } catch (err) {
        files.set(p.path, { ok: false, message: `cannot read \${file:${p.path}}: ${fsReason(err)}` });
      }
    }
  }

  const input: ExpandInput = { env: ctx.env, files };
  for (const { node, path, pieces } of todo) {
    const r = expand(pieces, input);
    const ptr = pointer(path);
    if (pieces.some((p) => p.kind !== 'text')) out.interpolated.add(ptr);
    if (r.problems.length) {
      for (const m of r.problems) errors.push(locator.error(path, m));
      out.failed.add(ptr);
      continue;
    }
    (node as Scalar<unknown>).value = retype(node, pieces, r.value);
  }
  return out;
}

/**
 * `max_lines: ${MAX_LINES}` should give a number, as it would had the number been written there.
 * Only a plain (unquoted) scalar that is exactly one reference is re-typed, to integers and booleans.
 */
function retype(node: Scalar<string>, pieces: readonly Piece[], value: string): unknown {
  if (node.type !== 'PLAIN' || pieces.length !== 1 || pieces[0]!.kind === 'text') return value;
  if (/^-?(0|[1-9]\d{0,14})$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
