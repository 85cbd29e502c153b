/**
 * logspout's route filters → a sluice `match`, keeping logspout's semantics (router/types.go):
 *  - `filter.id`: the 12-character short id must start with it (so a longer one never matches);
 *  - `filter.name`: Go path.Match against the name without its leading `/`;
 *  - `filter.sources`: the line's stream must be in the list;
 *  - `filter.labels`: every `key:glob` must match the label's value, a missing label comparing as
 *    "" (so `key:*` matches containers without the label too); an entry without `:` or with an empty
 *    glob is ignored. A malformed glob makes the route match nothing.
 */
import { goGlobToPattern } from './glob.js';
import type { RouteFilters } from './uri.js';

export interface FilterTranslation {
  /** The sluice `match`, or undefined when logspout had no effective condition. */
  readonly match?: Record<string, unknown>;
  /** The sluice `exclude` (a `key:*` label filter rejects values holding "/"). */
  readonly exclude?: Record<string, unknown>;
  /** Lines for a comment above the route. */
  readonly comments: readonly string[];
  /** Set when logspout's route could never match anything (then it has no sluice equivalent to run). */
  readonly matchesNothing?: string;
  /** Filters that could not be expressed (the route is still written, without them). */
  readonly problems: readonly string[];
}

const SHORT_ID = 12;

export function translateFilters(f: RouteFilters, label: (key: 'id' | 'name' | 'sources' | 'labels') => string): FilterTranslation {
  const match: Record<string, unknown> = {};
  let exclude: Record<string, unknown> | undefined;
  const comments: string[] = [];
  const problems: string[] = [];
  const nothing = (why: string): FilterTranslation => ({ comments, problems, matchesNothing: why });

  if (f.id) {
    if (f.id.length > SHORT_ID) return nothing(`${label('id')} "${f.id}" is longer than the 12-character short id logspout compares it with`);
    if (!/^[0-9a-f]+$/.test(f.id)) return nothing(`${label('id')} "${f.id}" is not lower-case hex, so no container id starts with it`);
    match.id = [f.id];
  }
  if (f.name) {
    const g = goGlobToPattern(f.name, true);
    if (!g.ok) return nothing(`${label('name')} "${f.name}" is not a valid glob (${g.reason})`);
    if (!g.always) {
      match.name = [g.pattern];
      if (g.pattern !== f.name) comments.push(`${label('name')} "${f.name}" (Go path.Match glob)`);
    }
    if (f.name.includes('/') && !g.always) comments.push(`logspout compares names without their leading "/", so "${f.name}" matched no container; neither does this`);
  }
  if (f.sources) {
    const valid = new Set(f.sources.filter((s) => s === 'stdout' || s === 'stderr'));
    const invalid = f.sources.filter((s) => s !== 'stdout' && s !== 'stderr');
    if (invalid.length) comments.push(`${label('sources')}: ${invalid.map((s) => JSON.stringify(s)).join(', ')} is no stream (stdout, stderr) and selected nothing`);
    if (valid.size === 0) return nothing(`${label('sources')} names no stream (stdout, stderr)`);
    if (valid.size === 1) match.source = [...valid];
  }
  if (f.labels) {
    const labels: Record<string, string> = {};
    const slashFree: string[] = [];
    for (const entry of f.labels) {
      const colon = entry.indexOf(':');
      if (colon < 0) {
        if (entry !== '') comments.push(`${label('labels')} entry "${entry}" has no ":" and was ignored by logspout`);
        continue;
      }
      const key = entry.slice(0, colon);
      const glob = entry.slice(colon + 1);
      if (glob === '') {
        comments.push(`${label('labels')} entry "${entry}" has an empty value and was ignored by logspout`);
        continue;
      }
      const g = goGlobToPattern(glob, false);
      if (!g.ok) return nothing(`${label('labels')} entry "${entry}" is not a valid glob (${g.reason})`);
      if (g.always) {
        // Go's * matches "" (a missing label) and any value without "/": sluice says "no condition",
        // and excludes the values holding a "/".
        if (!slashFree.includes(key)) slashFree.push(key);
        comments.push(`${label('labels')} "${entry}": logspout compares a missing label as "", so this takes containers without "${key}" too: no match condition; only values holding "/" (which Go's * does not match) are excluded`);
        continue;
      }
      if (key in labels && labels[key] !== g.pattern) {
        problems.push(`${label('labels')} has two patterns for "${key}" ("${entry}" and an earlier one); sluice takes one per label, the first is kept`);
        continue;
      }
      labels[key] = g.pattern;
      if (g.pattern !== glob) comments.push(`${label('labels')} "${entry}": Go glob, whose * and ? do not match "/"`);
    }
    if (Object.keys(labels).length) match.labels = labels;
    if (slashFree.length > 1) problems.push(`${label('labels')}: ${slashFree.map((k) => `"${k}:*"`).join(', ')} each reject values holding "/"; sluice's exclude holds one such label, "${slashFree[0]}" is kept`);
    if (slashFree.length) exclude = { labels: { [slashFree[0]!]: '*/*' } };
  }
  return { ...(Object.keys(match).length && { match }), ...(exclude && { exclude }), comments, problems };
}
