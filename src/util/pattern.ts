import type { Pattern } from '../config/types.js';
import { compileRegex } from './regex.js';

const REGEX = /^\/(.*)\/([imsu]*)$/s;

/**
 * Compiles a config pattern: `/regex/` (optionally `/regex/i`) is a regular expression tested
 * anywhere in the value; anything else is a glob over the whole value where `*` is any run of
 * characters and `?` one character. A plain string is an exact match. Regexes and globs run in
 * linear time (src/util/regex.ts): a label value or container name is as hostile as a log line.
 * @throws RegexError with a plain reason for a regex that is invalid or cannot run in linear time.
 */
export function compilePattern(source: string): Pattern {
  const re = regexOf(source);
  if (re) return re;
  if (source === '*') return { source, test: () => true };
  if (!/[*?]/.test(source)) return { source, test: (v) => v === source };
  const body = '^' + source.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
  return compileRegex(body, 's', source);
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
