import type { Pattern } from '../config/types.js';
import { compileRegex } from './regex.js';

const REGEX = /^\/(.*)\/([imsu]*)$/s;

/**
 * Compiles a config pattern: `/regex/` (optionally `/regex/i`) is a regular expression tested
 * anywhere in the value; anything else is a glob over the whole value where `*` is any run of
 * characters and `?` one character. A plain string is an exact match. Regexes run in linear time
 * (src/util/regex.ts), globs without backtracking (globMatcher): a label value or container name is
 * as hostile as a log line.
 * @throws RegexError with a plain reason for a regex that is invalid or cannot run in linear time.
 */
export function compilePattern(source: string): Pattern {
  const re = regexOf(source);
  if (re) return re;
  if (source === '*') return { source, test: () => true };
  if (!/[*?]/.test(source)) return { source, test: (v) => v === source };
  return { source, test: globMatcher(source) };
}

/**
 * A glob matched without a regex engine. Compiling the glob's regex with re2js at start ran its
 * Unicode table decoding hot enough for TurboFan, in about one start in three: +5 MB of the node
 * binary's pages resident for good (Node 24, `exclude: { name: [...] }` with four globs, idle RSS
 * 60 or 65 MB). A glob needs no automaton: split at `*`, the first piece must match at the start,
 * the last at the end, and each one between at its leftmost place after the previous one (leftmost
 * never loses a match: it leaves the most room for the rest). `?` is one code point, as `.` was in
 * RE2. Time: value length × pattern length at most, no backtracking.
 */
function globMatcher(source: string): (value: string) => boolean {
  const pieces = source.split('*').map((p) => Array.from(p));
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (pieces.length === 1) {
    return (value) => {
      const v = Array.from(value);
      return v.length === first.length && matchesAt(v, 0, first);
    };
  }
  return (value) => {
    const v = Array.from(value);
    const end = v.length - last.length;
    if (end < first.length || !matchesAt(v, 0, first) || !matchesAt(v, end, last)) return false;
    let pos = first.length;
    for (let k = 1; k < pieces.length - 1; k++) {
      const piece = pieces[k]!;
      let at = pos;
      while (at + piece.length <= end && !matchesAt(v, at, piece)) at++;
      if (at + piece.length > end) return false;
      pos = at + piece.length;
    }
    return true;
  };
}

/** True when `piece` (code points, `?` = any one) matches `v` from index `at` (inside `v`). */
function matchesAt(v: readonly string[], at: number, piece: readonly string[]): boolean {
  if (at + piece.length > v.length) return false;
  for (let i = 0; i < piece.length; i++) if (piece[i] !== '?' && piece[i] !== v[at + i]) return false;
  return true;
}

/** True when `source` is written as a `/regex/`. */
export function isRegexPattern(source: string): boolean {
  return REGEX.test(source) && source.length >= 2;
}

/** A line filter: `/regex/flags`, else a plain substring. */
export function compileLineFilter(source: string): Pattern {
  return regexOf(source) ?? { source, test: (v) => v.includes(source) };
}

/** `/regex/flags` compiled (the one place that reads the slashes), or null when `source` is not written so. */
function regexOf(source: string): Pattern | null {
  if (!isRegexPattern(source)) return null;
  const m = REGEX.exec(source)!;
  return compileRegex(m[1]!, m[2], source);
}
