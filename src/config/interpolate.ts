/**
 * `${VAR}`, `${VAR:-default}` and `${file:/path}` in scalar values; `$$` is a literal `$`.
 * Parsing is separate from expansion so the loader can read every referenced file (async) first and
 * then expand synchronously. A default is literal text (it may hold `$$`, never a nested `${`), so
 * an expanded value never holds a `${` that the user did not get from a variable's own value.
 */
export type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'env'; readonly name: string; readonly fallback?: string }
  | { readonly kind: 'file'; readonly path: string };

export type ParseResult = { readonly ok: true; readonly pieces: readonly Piece[] } | { readonly ok: false; readonly message: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `text` needs interpolation at all (the common case, no `$`, costs one scan). */
export function hasReferences(text: string): boolean {
  return text.includes('$');
}

export function parseInterpolation(text: string): ParseResult {
  const pieces: Piece[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      lit += text.slice(i);
      break;
    }
    lit += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      lit += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== '{') {
      lit += '$';
      i = dollar + 1;
      continue;
    }
    const close = text.indexOf('}', dollar + 2);
    if (close < 0) return { ok: false, message: 'unterminated "${" (write "$$" for a literal "$")' };
    const body = text.slice(dollar + 2, close);
    const piece = parseReference(body);
    if (typeof piece === 'string') return { ok: false, message: piece };
    if (lit) pieces.push({ kind: 'text', text: lit });
    lit = '';
    pieces.push(piece);
    i = close + 1;
  }
  if (lit) pieces.push({ kind: 'text', text: lit });
  return { ok: true, pieces };
}

function parseReference(body: string): Piece | string {
  if (body.startsWith('file:')) {
    const path = body.slice(5).trim();
    if (!path) return '"${file:}" needs a path, e.g. ${file:/run/secrets/key}';
    if (path.includes('$')) return 'a ${file:} path cannot contain another reference; write the path out';
    return { kind: 'file', path };
  }
  const sep = body.indexOf(':-');
  const name = sep < 0 ? body : body.slice(0, sep);
  if (!NAME.test(name)) {
    return `"\${${body}}" is not a variable reference (expected \${NAME}, \${NAME:-default} or \${file:/path}; write "$$" for a literal "$")`;
  }
  if (sep < 0) return { kind: 'env', name };
  const raw = body.slice(sep + 2);
  if (raw.includes('${')) return `the default of \${${name}} cannot contain another "\${"`;
  return { kind: 'env', name, fallback: raw.replace(/\$\$/g, '$') };
}

export interface ExpandInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Contents of every `${file:}` (already trimmed of one trailing newline), or an error message. */
  readonly files: ReadonlyMap<string, { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string }>;
}

export interface ExpandResult {
  readonly value: string;
  /** Problems, one per bad reference (a missing variable names it; a value is never included). */
  readonly problems: readonly string[];
}

export function expand(pieces: readonly Piece[], input: ExpandInput): ExpandResult {
  let value = '';
  const problems: string[] = [];
  for (const p of pieces) {
    if (p.kind === 'text') value += p.text;
    else if (p.kind === 'env') {
      const v = input.env[p.name];
      if (p.fallback !== undefined) value += v === undefined || v === '' ? p.fallback : v;
      else if (v === undefined) problems.push(`environment variable ${p.name} is not set (write \${${p.name}:-default} to give a default)`);
      else value += v;
    } else {
      const f = input.files.get(p.path);
      if (!f) problems.push(`cannot read ${p.path}`);
      else if (!f.ok) problems.push(f.message);
      else value += f.text;
    }
  }
  return { value, problems };
}

/** Removes exactly one trailing newline (`\n` or `\r\n`), as secret files written by editors end in one. */
export function trimOneNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

/** Convenience for tests and callers without files: parse + expand in one go. */
export function interpolateString(text: string, env: ExpandInput['env'], files: ExpandInput['files'] = new Map()): { ok: true; value: string } | { ok: false; problems: string[] } {
  const parsed = parseInterpolation(text);
  if (!parsed.ok) return { ok: false, problems: [parsed.message] };
  const r = expand(parsed.pieces, { env, files });
  return r.problems.length ? { ok: false, problems: [...r.problems] } : { ok: true, value: r.value };
}
