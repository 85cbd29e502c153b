import type { ResolvedConfig, RouteConfig } from '../config/types.js';
import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { Logger } from '../telemetry/logger.js';
import { TagInterner, labelTags, renderHost, renderTags } from './enrich.js';
import { DEFAULT_MAX_LINES, DEFAULT_TIMEOUT_MS, type GroupRule } from './multiline.js';
import { routeVerdict, routesFromLabel, type RouteVerdict } from './verdict.js';

/** What the router hands records to: a delivery route (src/delivery/route.ts) fits. */
export interface RouteSink {
  offer(r: LogRecord): 'accepted' | 'pause' | 'dropped';
}

export const MULTILINE_LABEL = 'sluice.multiline.start';

/** A route as the router sees it: its config, its sink, and its line filters ready to run. */
export interface TableRoute {
  readonly name: string;
  readonly config: RouteConfig;
  readonly sink: RouteSink;
  readonly include: readonly RegExp[];
  readonly exclude: readonly RegExp[];
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
  readonly multilineStart: RegExp | null;
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
  /** Containers whose bad multiline label was already reported by this table: logged once. */
  readonly #warned = new Set<string>();

  constructor(config: TableConfig, sinks: ReadonlyMap<string, RouteSink>, opts: RouteTableOptions = {}) {
    this.#config = config;
    this.#logger = opts.logger;
    this.routes = Object.freeze(
      config.routes.map((r): TableRoute => {
        const sink = sinks.get(r.name);
        if (!sink) throw new Error(`route "${r.name}" has no sink`);
        return Object.freeze({ name: r.name, config: r, sink, include: r.filter.include.map(stateless), exclude: r.filter.exclude.map(stateless) });
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
    this.#warned.delete(id);
  }

  /** Per route, whether `info` goes to it and, when not, the first condition that failed. */
  verdicts(info: ContainerInfo): RouteVerdict[] {
    const allowed = routesFromLabel(info);
    return this.#config.routes.map((r) => routeVerdict(r, info, allowed));
  }

  get memoSize(): number {
    return this.#memo.size;
  }

  #build(info: ContainerInfo): ContainerPlan {
    const allowed = routesFromLabel(info);
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

  #multilineStart(info: ContainerInfo): RegExp | null {
    const src = info.labels[MULTILINE_LABEL];
    if (!src) return null;
    try {
      return new RegExp(src);
    } catch (err) {
      if (!this.#warned.has(info.id)) {
        this.#warned.add(info.id);
        this.#logger?.warn(
          { container: info.name, label: MULTILINE_LABEL, value: src, error: (err as Error).message },
          'The container label sluice.multiline.start is not a valid regular expression; it is ignored.',
        );
      }
      return null;
    }
  }
}

function emptyPlan() {
  return { routes: [] as TableRoute[], tags: [] as (readonly string[])[], multiline: [] as (GroupRule | null)[] };
}

/**
 * The container label overrides the route's start pattern; on a route without `multiline:` the label
 * alone turns joining on with the defaults, as users labelling one container expect.
 */
function ruleFor(route: RouteConfig, labelStart: RegExp | null): GroupRule | null {
  const ml = route.multiline;
  if (labelStart === null) return ml ? { start: stateless(ml.start), maxLines: ml.maxLines, timeoutMs: ml.timeoutMs } : null;
  if (ml) return { start: labelStart, maxLines: ml.maxLines, timeoutMs: ml.timeoutMs };
  return { start: labelStart, maxLines: DEFAULT_MAX_LINES, timeoutMs: DEFAULT_TIMEOUT_MS };
}

/** `g`/`y` regexps keep `lastIndex` between `test` calls: a filter must answer the same for the same line. */
function stateless(rx: RegExp): RegExp {
  return rx.global || rx.sticky ? new RegExp(rx.source, rx.flags.replace(/[gy]/g, '')) : rx;
}

/** Two infos route alike when everything a condition or template can read is equal. */
function sameRouting(a: ContainerInfo, b: ContainerInfo): boolean {
  if (a.id !== b.id || a.name !== b.name || a.image !== b.image || a.hostname !== b.hostname) return false;
  const ka = Object.keys(a.labels);
  if (ka.length !== Object.keys(b.labels).length) return false;
  for (const k of ka) if (a.labels[k] !== b.labels[k]) return false;
  return true;
}
