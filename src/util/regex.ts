/**
 * Every regular expression a user writes (config or container label) is compiled here, so that no
 * line a container prints can make matching take more than linear time in the line's length.
 *
 * The engine is re2js, a pure-JavaScript port of RE2: automata, no backtracking, so
 * `(a+)+$` on 64 KiB of `a` takes milliseconds where V8's backtracking engine would take longer than
 * the age of the universe. It accepts RE2 syntax (docs/patterns.md): no lookaround, no
 * backreferences, repeat counts up to 1000. Those are rejected with the reason, at config time.
 *
 * re2js costs about 1–2 µs per line and pattern where V8 costs ~0.1 µs, so one shape of pattern,
 * the common one, still runs on V8: a pattern with no unbounded or optional repetition (`*`, `+`,
 * `?`, `{n,m}`), only fixed counts `{n}`, and few alternatives (see `provablyLinear`). A
 * backtracking engine tries, from each start position, each path through such a pattern once: at
 * most `paths × length` steps per position, a constant, so the whole search is linear in the line.
 * That shape is also restricted to syntax both engines read alike (`\s`, `.` and `m` differ), so the
 * choice of engine never changes what a pattern matches.
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import type { Pattern } from '../config/types.js';

/**
 * re2js, required on the first regex compiled, not at start: a config without `/regex/` patterns
 * (globs have their own matcher, util/pattern.ts) never loads it. In a bare Node 24 the module costs
 * 1.9 MB of RSS and the first compile 6.3 MB more (its Unicode tables). Outside the bundle, from
 * node_modules, like dockerode (scripts/bundle.mjs cannot see a createRequire call).
 */
let re2: typeof import('re2js') | undefined;
function engine(): typeof RE2JS {
  re2 ??= createRequire(import.meta.url)('re2js') as typeof import('re2js');
  return re2.RE2JS;
}

/** A pattern that cannot be compiled; `message` is the reason, without the pattern itself. */
export class RegexError extends Error {
  override readonly name = 'RegexError';
}

/** Which engine runs a compiled pattern: `v8` only for the provably linear shape. */
export type Engine = 'v8' | 're2';

export interface CompiledRegex extends Pattern {
  readonly engine: Engine;
}

/** RE2JS's flag bits by flag letter (read from re2js, so on first use). */
const flagBits = (R: typeof RE2JS): Readonly<Record<string, number>> => ({ i: R.CASE_INSENSITIVE, m: R.MULTILINE, s: R.DOTALL, u: 0 });

/**
 * Compiles `body` (the text between the slashes) with `flags` from `imsu`. `source` is what the
 * pattern is called in errors and fingerprints (defaults to the body).
 * @throws RegexError with a plain reason when the pattern cannot run in linear time or is invalid.
 */
export function compileRegex(body: string, flags = '', source: string = body): CompiledRegex {
  const R = engine();
  const letters = flagBits(R);
  let bits = 0;
  for (const f of flags) {
    const b = letters[f];
    if (b === undefined || flags.indexOf(f) !== flags.lastIndexOf(f)) throw new RegexError(`invalid flags "${flags}" (sluice accepts i, m, s and u)`);
    bits |= b;
  }
  let re: RE2JS;
  try {
    re = R.compile(body, bits);
  } catch (err) {
    throw new RegexError(reason(err instanceof Error ? err.message : String(err), body));
  }
  if (provablyLinear(body, flags)) {
    try {
      const rx = new RegExp(body, flags.replace('u', ''));
      return { source, engine: 'v8', test: (v) => rx.test(v) };
    } catch {
      // V8 reads it differently: RE2 alone decides.
    }
  }
  return { source, engine: 're2', test: (v) => re.test(v) };
}

/** RE2's message, plus what to do about the JavaScript-only constructs users most often write. */
function reason(msg: string, body: string): string {
  let m = msg.replace(/^error parsing regexp: /, '');
  // RE2 quotes the part it stopped at; when that is the whole pattern the caller already shows it.
  if (m.endsWith(`: \`${body}\``)) m = m.slice(0, -(body.length + 4));
  if (/`\(\?[=!]/.test(m) || (m.startsWith('invalid named capture') && /\(\?<[=!]/.test(body))) return `${m}: lookahead and lookbehind cannot run in linear time, so sluice does not support them`;
  if (/escape sequence: `\\[1-9k]/.test(m)) return `${m}: backreferences cannot run in linear time, so sluice does not support them`;
  if (/escape sequence: `\\u/.test(m)) return `${m}: write a code point as \\x{00e9}`;
  if (/repeat count/.test(m)) return `${m}: repeat counts go up to 1000`;
  return m;
}

const MAX_PATHS = 256;
const PUNCT = new Set('\\^$.|?*+()[]{}/-'.split(''));

/**
 * True when a backtracking engine runs `body` in linear time and reads it exactly as RE2 does:
 * literals, escaped punctuation, `\d \D \w \W \b \B`, classes of those, `^` `$` (without `m`),
 * groups `(…)` `(?:…)`, alternation, fixed counts `{n}`, and at most MAX_PATHS distinct paths.
 * Anything else (every other quantifier, `.`, `\s`, other escapes) answers false: RE2 runs it.
 */
export function provablyLinear(body: string, flags: string): boolean {
  if (flags.includes('m')) return false;
  // Case folding beyond ASCII differs between the engines (the Kelvin sign folds to k in RE2 only).
  if (flags.includes('i') && /[^\x20-\x7e]|[ks]/i.test(body)) return false;
  let i = 0;
  const fail = (): never => {
    throw new NotLinear();
  };
  const escape = (inClass: boolean) => {
    const c = body[i + 1];
    if (c === undefined) fail();
    if (/[dDwW]/.test(c!) || (!inClass && /[bB]/.test(c!)) || PUNCT.has(c!)) {
      i += 2;
      return;
    }
    fail();
  };
  const cls = () => {
    i++; // [
    if (body[i] === '^') i++;
    let n = 0;
    for (; i < body.length && (body[i] !== ']' || n === 0); n++) {
      const c = body[i]!;
      if (c === '[' || c === ']') fail(); // `[[:alpha:]]` is a class in RE2, a literal `[` in V8
      if (c === '\\') escape(true);
      else i++;
    }
    if (body[i] !== ']') fail();
    i++;
  };
  // Returns the number of paths through the alternation starting at `i`, stopping at `)` or the end.
  const alt = (): number => {
    let total = 0;
    for (;;) {
      total += seq();
      if (total > MAX_PATHS) fail();
      if (body[i] !== '|') return total;
      i++;
    }
  };
  const seq = (): number => {
    let paths = 1;
    while (i < body.length && body[i] !== '|' && body[i] !== ')') {
      let p = 1;
      const c = body[i]!;
      if (c === '(') {
        if (body.startsWith('(?:', i)) i += 3;
        else if (body[i + 1] === '?') fail();
        else i++;
        p = alt();
        if (body[i] !== ')') fail();
        i++;
      } else if (c === '[') cls();
      else if (c === '\\') escape(false);
      else if ('.*+?{}]'.includes(c)) fail();
      else i++;
      const count = /^\{(\d{1,4})\}/.exec(body.slice(i, i + 6));
      if (count) {
        const n = Number(count[1]);
        if (n > 1000) fail();
        i += count[0].length;
        p = p === 1 ? 1 : p ** n;
      }
      paths *= p;
      if (paths > MAX_PATHS) fail();
    }
    return paths;
  };
  try {
    alt();
    return i === body.length;
  } catch (err) {
    if (err instanceof NotLinear) return false;
    throw err;
  }
}

class NotLinear extends Error {}
