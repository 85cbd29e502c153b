import type { Pattern, ResolvedConfig, RouteConfig } from '../config/types.js';
import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { Logger } from '../telemetry/logger.js';
import { TagInterner, labelTags, renderHost, renderTags } from './enrich.js';
import type { GroupRule } from './multiline.js';
import { MULTILINE_DEFAULTS } from '../config/defaults.js';
import { ROUTES_LABEL, routeVerdict, routesFromLabel, type RouteVerdict } from './verdict.js';
import { compileRegex } from '../util/regex.js';

/** What the router hands records to: a delivery route (src/delivery/route.ts) fits. */
export interface RouteInput {
  offer(r: LogRecord): 'accepted' | 'pause' | 'dropped';
}

export const MULTILINE_LABEL = 'sluice.multiline.start';

/** A route as the router sees it: its config, where records are offered to it, and its line filters ready to run. */
export interface TableRoute {
  readonly name: string;
  readonly config: RouteConfig;
  readonly input: RouteInput;
  readonly include: readonly Pattern[];
  readonly exclude: readonly Pattern[];
}

/** The routes one stream of one container goes to, in config order, with the tags each renders to. */
export interface StreamPlan {
  readonly routes: readonly TableRoute[];
  /** Parallel to `routes`. Equal lists are the same (frozen) array, so identity means equality. */
  readonly tags: readonly (readonly string[])[];
  /** Parallel to `routes`: the multiline rule for this container on that route, or null. */
  readonly multiline: readonly (GroupRule | null)[];
}

/** Everything the router needs for a container, computed once per container per table. */
export interface ContainerPlan {
  readonly info: ContainerInfo;
  readonly host: string;
  readonly stdout: StreamPlan;
  readonly stderr: StreamPlan;
  /** The container's `sluice.multiline.start` label compiled, or null (absent or invalid). */
  readonly multilineStart: Pattern | null;
}

export type TableConfig = Pick<ResolvedConfig, 'routes' | 'hostname' | 'tags'>;

export interface RouteTableOptions {
  readonly logger?: Logger;
}

/**
 * The immutable routing decision for one config: which routes exist and, memoised per container id,
 * which of them each container's stdout and stderr go to. A reload builds a new table (fresh memo) and
 * the router swaps it in one assignment.
 *
 * The memo is keyed by container id and checked by ContainerInfo identity: the source keeps one info
 * object per container and replaces it on rename, so a rename recomputes the plan on the next record.
 * An equal-but-new info object (same name, image, labels) is accepted without recomputing.
 */
export class RouteTable {
  readonly routes: readonly TableRoute[];
  readonly #config: TableConfig;
  readonly #logger: Logger | undefined;
  readonly #memo = new Map<string, ContainerPlan>();
  /** `id\0label` of container labels already reported by this table: each logged once. */
  readonly #warned = new Set<string>();

  constructor(config: TableConfig, inputs: ReadonlyMap<string, RouteInput>, opts: RouteTableOptions = {}) {
    this.#config = config;
    this.#logger = opts.logger;
    this.routes = Object.freeze(
      config.routes.map((r): TableRoute => {
        const input = inputs.get(r.name);
        if (!input) throw new Error(`route "${r.name}" has no route object`);
        return Object.freeze({ name: r.name, config: r, input, include: r.filter.include, exclude: r.filter.exclude });
      }),
    );
  }

  /** The plan for `info`'s container; computed on first use and after a rename or `forget`. */
  plan(info: ContainerInfo): ContainerPlan {
    const p = this.#memo.get(info.id);
    if (p !== undefined) {
      if (p.info === info) return p;
      if (sameRouting(p.info, info)) {
        // Re-key on the new object so the next record takes the identity fast path again.
        const q = Object.freeze({ ...p, info });
        this.#memo.set(info.id, q);
        return q;
      }
    }
    const fresh = this.#build(info);
    this.#memo.set(info.id, fresh);
    return fresh;
  }

  /** Drops the memo for a container (it exited, was renamed, or its labels changed). */
  forget(id: string): void {
    this.#memo.delete(id);
    for (const label of [MULTILINE_LABEL, ROUTES_LABEL]) this.#warned.delete(`${id}\0${label}`);
  }

  /** Per route, whether `info` goes to it and, when not, the first condition that failed. */
  verdicts(info: ContainerInfo): RouteVerdict[] {
    const allowed = routesFromLabel(info);
    return this.#config.routes.map((r) => routeVerdict(r, info, allowed));
  }

  #build(info: ContainerInfo): ContainerPlan {
    const allowed = routesFromLabel(info);
    this.#checkRoutesLabel(info, allowed);
    const host = renderHost(this.#config.hostname, info);
    const fromLabel = labelTags(info);
    const interner = new TagInterner();
    const multilineStart = this.#multilineStart(info);
    const stdout = emptyPlan();
    const stderr = emptyPlan();
    for (const r of this.routes) {
      const v = routeVerdict(r.config, info, allowed);
      const rule = ruleFor(r.config, multilineStart);
      for (const [s, sp] of [['stdout', stdout], ['stderr', stderr]] as const) {
        if (!v[s]) continue;
        sp.routes.push(r);
        sp.tags.push(interner.intern(renderTags(this.#config.tags, r.config.tags, fromLabel, info, host, s)));
        sp.multiline.push(rule);
      }
    }
    return Object.freeze({ info, host, stdout, stderr, multilineStart });
  }

  /**
   * The container's `sluice.multiline.start` label compiled like config (linear-time engine), or null.
   * A label the engine refuses falls back to the routes' own multiline setting, with one warning.
   */
  #multilineStart(info: ContainerInfo): Pattern | null {
    const src = info.labels[MULTILINE_LABEL];
    if (!src) return null;
    try {
      return compileRegex(src);
    } catch (err) {
      this.#warnLabel(info, MULTILINE_LABEL, src, (err as Error).message, "The container label sluice.multiline.start is not a pattern sluice can run; the routes' own multiline setting is used.");
      return null;
    }
  }

  /** `sluice.routes` naming a route this config does not have: said once, the named routes that exist still apply. */
  #checkRoutesLabel(info: ContainerInfo, allowed: ReadonlySet<string> | null): void {
    if (!allowed) return;
    const unknown = [...allowed].filter((n) => !this.routes.some((r) => r.name === n));
    if (unknown.length === 0) return;
    const known = allowed.size - unknown.length;
    this.#warnLabel(
      info,
      ROUTES_LABEL,
      info.labels[ROUTES_LABEL]!,
      `no route is named ${unknown.map((n) => JSON.stringify(n)).join(', ')}`,
      known > 0 ? 'The container label sluice.routes names routes that do not exist; the container goes only to the ones that do.' : 'The container label sluice.routes names no existing route; the container goes to none.',
    );
  }

  /** One warning per container, label and table: a label is as hostile as a line, but never crashes or floods. */
  #warnLabel(info: ContainerInfo, label: string, value: string, error: string, msg: string): void {
    const key = `${info.id}\0${label}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#logger?.warn({ container: info.name, id: info.id.slice(0, 12), label, value: value.slice(0, 200), error }, msg);
  }
}

function emptyPlan() {
  return { routes: [] as TableRoute[], tags: [] as (readonly string[])[], multiline: [] as (GroupRule | null)[] };
}

/**
 * The container label overrides the route's start pattern; on a route without `multiline:` the label
 * alone turns joining on with the defaults, as users labelling one container expect.
 */
function ruleFor(route: RouteConfig, labelStart: Pattern | null): GroupRule | null {
  const ml = route.multiline;
  if (labelStart === null) return ml ? { start: ml.start, maxLines: ml.maxLines, timeoutMs: ml.timeoutMs } : null;
  if (ml) return { start: labelStart, maxLines: ml.maxLines, timeoutMs: ml.timeoutMs };
  return { start: labelStart, ...MULTILINE_DEFAULTS };
}

/** Two infos route alike when everything a condition or template can read is equal. */
function sameRouting(a: ContainerInfo, b: ContainerInfo): boolean {
  if (a.id !== b.id || a.name !== b.name || a.image !== b.image || a.hostname !== b.hostname) return false;
  const ka = Object.keys(a.labels);
  if (ka.length !== Object.keys(b.labels).length) return false;
  for (const k of ka) if (a.labels[k] !== b.labels[k]) return false;
  return true;
}
