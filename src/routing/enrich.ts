import type { Template } from '../config/types.js';
import type { ContainerInfo, Stream } from '../core/record.js';

/**
 * Enrichment values are properties of (container, stream, route), never of a line, so they are
 * rendered once when the RouteTable first sees a container and then assigned by reference.
 */

export const TAGS_LABEL = 'sluice.tags';

const EMPTY: readonly string[] = Object.freeze([]);

/** The `host` of every record from `info`: the config `hostname` template rendered for it. */
export function renderHost(hostname: Template, info: ContainerInfo): string {
  // `{{ host }}` inside the hostname template itself has nothing to refer to: it renders empty.
  return hostname.render({ container: info, host: '' });
}

/** `sluice.tags=x, y` → ['x', 'y'] (trimmed, empties dropped). Label tags are literal, not templates. */
export function labelTags(info: ContainerInfo): readonly string[] {
  const v = info.labels[TAGS_LABEL];
  if (!v) return EMPTY;
  const out = v
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return out.length ? out : EMPTY;
}

/**
 * Global tags, then route tags, then label tags, rendered for this container and stream; exact
 * duplicates are kept once (first position wins); a tag rendering to '' is dropped.
 */
export function renderTags(
  global: readonly Template[],
  route: readonly Template[],
  fromLabel: readonly string[],
  info: ContainerInfo,
  host: string,
  source: Stream,
): string[] {
  const ctx = { container: info, host, source };
  const out: string[] = [];
  const add = (t: string) => {
    if (t.length > 0 && !out.includes(t)) out.push(t);
  };
  for (const t of global) add(t.render(ctx));
  for (const t of route) add(t.render(ctx));
  for (const t of fromLabel) add(t);
  return out;
}

/**
 * Hands out one frozen array per distinct tag list, so routes whose tags render the same share the
 * array, and the router can share one record object between them (it compares arrays by identity).
 */
export class TagInterner {
  readonly #seen = new Map<string, readonly string[]>();
  intern(tags: string[]): readonly string[] {
    if (tags.length === 0) return EMPTY;
    const key = tags.join('\u0000');
    let hit = this.#seen.get(key);
    if (!hit) {
      hit = Object.freeze(tags);
      this.#seen.set(key, hit);
    }
    return hit;
  }
}
