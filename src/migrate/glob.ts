/**
 * logspout's filters use Go's `path.Match` globs: `*` is any run of characters but `/`, `?` one
 * character but `/`, `[...]` a class (`[^...]` negated, `a-z` ranges), `\` escapes the next
 * character. This turns such a glob into the sluice pattern string that selects the same values:
 * a plain string when the glob has no wildcard, a sluice glob when `*`/`?` mean the same in both
 * (container names never hold `/`), else an anchored `/regex/`.
 */

type Token = { kind: 'lit'; ch: string } | { kind: 'star' } | { kind: 'any' } | { kind: 'class'; negate: boolean; body: string };

export type GlobResult =
  | { readonly ok: true; readonly always: boolean; readonly pattern: string }
  | { readonly ok: false; readonly reason: string };

/** Tokenizes a Go path.Match pattern; a malformed one (Go's ErrBadPattern) is an error. */
function tokenize(glob: string): Token[] | string {
  const out: Token[] = [];
  const chars = [...glob];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') out.push({ kind: 'star' });
    else if (c === '?') out.push({ kind: 'any' });
    else if (c === '\\') {
      if (i + 1 >= chars.length) return 'a trailing "\\" escapes nothing';
      out.push({ kind: 'lit', ch: chars[++i]! });
    } else if (c === '[') {
      let j = i + 1;
      let negate = false;
      if (chars[j] === '^') {
        negate = true;
        j++;
      }
      let body = '';
      let first = true;
      for (;;) {
        if (j >= chars.length) return 'a "[" class is not closed';
        if (chars[j] === ']' && !first) break;
        let lo = chars[j]!;
        if (lo === '\\') {
          if (++j >= chars.length) return 'a "[" class is not closed';
          lo = chars[j]!;
        } else if (lo === '-' || lo === ']') return `"${lo}" must be escaped inside a class`;
        j++;
        let range = escapeClassChar(lo);
        if (chars[j] === '-') {
          let hi = chars[++j];
          if (hi === undefined) return 'a "[" class is not closed';
          if (hi === '\\') hi = chars[++j];
          else if (hi === ']' || hi === '-') return 'a range in a class has no end';
          if (hi === undefined) return 'a "[" class is not closed';
          if (hi < lo) return `the range ${lo}-${hi} is backwards`;
          j++;
          range += '-' + escapeClassChar(hi);
        }
        body += range;
        first = false;
      }
      out.push({ kind: 'class', negate, body });
      i = j;
    } else out.push({ kind: 'lit', ch: c });
  }
  return out;
}

function escapeClassChar(c: string): string {
  return /[\\\]^-]/.test(c) ? '\\' + c : c;
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/** Would sluice read this string as a `/regex/` (util/pattern.ts)? */
const looksLikeRegex = (s: string): boolean => /^\/.*\/[imsu]*$/s.test(s) && s.length >= 2;

/**
 * `glob` as a sluice pattern. `noSlash`: the values never contain `/` (container names), so `*` and
 * `?` can stay a sluice glob. `always` is true when the glob matches every value, the empty string
 * included (only `*`, `**`, …): logspout then has no condition at all.
 */
export function goGlobToPattern(glob: string, noSlash: boolean): GlobResult {
  const tokens = tokenize(glob);
  if (typeof tokens === 'string') return { ok: false, reason: tokens };
  if (tokens.length > 0 && tokens.every((t) => t.kind === 'star')) return { ok: true, always: true, pattern: '*' };
  const lits = tokens.every((t) => t.kind === 'lit');
  const literal = tokens.map((t) => (t.kind === 'lit' ? t.ch : '')).join('');
  if (lits && !/[*?]/.test(literal) && !looksLikeRegex(literal)) return { ok: true, always: false, pattern: literal };
  const simple = tokens.every((t) => t.kind === 'star' || t.kind === 'any' || (t.kind === 'lit' && t.ch !== '*' && t.ch !== '?'));
  if (noSlash && simple) {
    const g = tokens.map((t) => (t.kind === 'lit' ? t.ch : t.kind === 'star' ? '*' : '?')).join('');
    if (!looksLikeRegex(g)) return { ok: true, always: false, pattern: g };
  }
  let re = '';
  for (const t of tokens) {
    if (t.kind === 'lit') re += escapeRegex(t.ch);
    else if (t.kind === 'star') re += '[^/]*';
    else if (t.kind === 'any') re += '[^/]';
    else re += '[' + (t.negate ? '^' : '') + t.body + ']';
  }
  return { ok: true, always: false, pattern: `/^${re}$/` };
}
