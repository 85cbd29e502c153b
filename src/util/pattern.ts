import type { Pattern } from '../config/types.js';

/**
 * Compiles a config pattern: `/regex/` (optionally `/regex/i`) is a regular expression tested
 * anywhere in the value; anything else is a glob over the whole value where `*` is any run of
 * characters and `?` one character. A plain string is an exact match.
 * Throws a SyntaxError with a plain message for a bad regex (the config loader reports it).
 */
export function compilePattern(source: string): Pattern {
  const re = /^\/(.*)\/([imsu]*)$/s.exec(source);
  if (re && source.length >= 2) {
    const rx = new RegExp(re[1]!, re[2]);
    return { source, test: (v) => rx.test(v) };
  }
  if (source === '*') return { source, test: () => true };
  if (!/[*?]/.test(source)) return { source, test: (v) => v === source };
  const rx = new RegExp('^' + source.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's');
  return { source, test: (v) => rx.test(v) };
}

/** True when `source` is written as a `/regex/`. */
export function isRegexPattern(source: string): boolean {
  return /^\/(.*)\/([imsu]*)$/s.test(source) && source.length >= 2;
}
