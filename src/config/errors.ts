/**
 * Config errors as users read them: `file:line:col: path: message`. Every stage of loading (YAML,
 * interpolation, schema, resolve) reports into one list, so the user sees all problems at once.
 * Messages never contain a secret: stages that could echo a value check `ErrorSink.mayShow` first.
 */
export interface ConfigError {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
  /** Key path such as `routes[1].destination.url`; empty for file-level problems (YAML syntax). */
  readonly path: string;
  readonly message: string;
}

export function formatConfigError(e: ConfigError): string {
  const message = maskUrlCredentials(e.message);
  return e.path ? `${e.file}:${e.line}:${e.col}: ${e.path}: ${message}` : `${e.file}:${e.line}:${e.col}: ${message}`;
}

/** `scheme://user:password@host` → `scheme://user:[redacted]@host`, anywhere in a text. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/(\/\/[^\s/?#@:"]*):[^\s/?#@"]*@/g, '$1:[redacted]@');
}

/** A position in the data: object keys and array indexes, from the root. */
export type DataPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['routes', 1, 'match', 'labels', 'sluice.enable']` → `routes[1].match.labels["sluice.enable"]`. */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** JSON pointer (ajv's instancePath) → path segments; numeric segments become indexes. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** Sorts by position, then path, and drops exact duplicates (two stages can find the same fault). */
export function sortErrors(errors: readonly ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  const out: ConfigError[] = [];
  for (const e of [...errors].sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path))) {
    const k = formatConfigError(e);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}
