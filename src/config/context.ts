/**
 * What the resolve stage needs from the loader: where to report, the environment, and file access
 * (TLS PEM files are read at load so a missing one is a config error, not a failure at first send).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { DataPath } from './errors.js';

export interface ResolveContext {
  /** Records an error at `path` (the message must not contain secret values). */
  report(path: DataPath, message: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory of the config file; relative paths in it are relative to this. */
  readonly baseDir: string;
  /** Reads a file (absolute path) as UTF-8 text. */
  readText(path: string): Promise<string>;
  /** The machine's host name (the default `hostname`). */
  readonly hostname: string;
}

export function absolute(ctx: ResolveContext, path: string): string {
  return isAbsolute(path) ? path : resolvePath(ctx.baseDir, path);
}

export async function defaultReadText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** "ENOENT: no such file or directory, open '/x'" → "no such file or directory". */
export function fsReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /^[A-Z]+: ([^,]+)/.exec(msg);
  return m ? m[1]! : msg;
}

/**
 * A PEM value: PEM text as written (it starts with -----BEGIN), else a path to read.
 * Returns undefined after reporting when the file cannot be read.
 */
export async function readPem(ctx: ResolveContext, path: DataPath, value: string): Promise<string | undefined> {
  if (value.trimStart().startsWith('-----BEGIN')) return value;
  const file = absolute(ctx, value);
  try {
    const text = await ctx.readText(file);
    if (!text.includes('-----BEGIN')) {
      ctx.report(path, `${file} is not a PEM file (no "-----BEGIN" line)`);
      return undefined;
    }
    return text;
  } catch (err) {
    ctx.report(path, `cannot read ${file}: ${fsReason(err)}`);
    return undefined;
  }
}
