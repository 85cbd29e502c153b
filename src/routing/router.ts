import type { LogRecord } from '../core/record.js';
import { systemClock, type Clock } from '../util/clock.js';
import { Multiline } from './multiline.js';
import type { RouteInput, RouteTable, TableRoute } from './table.js';

export interface RouterOptions {
  /**
   * Called when a route answers `pause` (its buffer is full with `when_full: block`): the flow
   * control pauses reading that container. Called synchronously from `dispatch` or a multiline flush.
   */
  readonly onPause?: (containerId: string, route: RouteInput) => void;
  /** Multiline timeouts. */
  readonly clock?: Clock;
}

/**
 * WHERE a record goes. `dispatch` runs, synchronously, every route the record's container and stream
 * are planned for in the CURRENT table: line filter → multiline → enrichment → `route.offer`.
 * (Enrichment values are per container, stream and route, so they are set before multiline joining;
 * a joined record takes its first line's, which are the same.)
 *
 * Acknowledgement: `dispatch` never settles the record's initial (dispatcher) hold: the caller does,
 * right after `dispatch` returns. Routes retain what they take during `offer`; the multiline stage
 * retains what it holds (see Multiline). A record no route takes is acknowledged by that settle.
 *
 * Records offered to several routes are one object when the routes' tags are equal and a shallow
 * copy per distinct tag list otherwise. A route must not mutate a record it was offered.
 *
 * Reload: `swap(table)` is one assignment; every record sees the old table or the new one. Multiline
 * state is kept per RouteInput, so a route that survives a reload (same route object) keeps its open
 * groups; call `flushRoutes` for the routes being retired before draining them.
 */
export class Router {
  #table: RouteTable;
  readonly #onPause: (containerId: string, route: RouteInput) => void;
  readonly #clock: Clock;
  readonly #multiline = new Map<RouteInput, Multiline>();

  constructor(table: RouteTable, opts: RouterOptions = {}) {
    this.#table = table;
    this.#onPause = opts.onPause ?? (() => undefined);
    this.#clock = opts.clock ?? systemClock;
  }

  get table(): RouteTable {
    return this.#table;
  }

  /** Installs a new table. One assignment, no await: no record is routed half by each. */
  swap(table: RouteTable): void {
    this.#table = table;
  }

  dispatch(rec: LogRecord): void {
    const plan = this.#table.plan(rec.container);
    const sp = rec.source === 'stdout' ? plan.stdout : plan.stderr;
    const routes = sp.routes;
    if (routes.length === 0) return;
    const line = rec.line;
    // `rec` itself is given the tags of the first route that takes it; a later route with other tags
    // gets a copy, so no record is changed after a route has seen it.
    let baseTags: readonly string[] | null = null;
    let copy: LogRecord | null = null;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      if (!passesLineFilter(route, line)) continue;
      const tags = sp.tags[i]!;
      let out: LogRecord;
      if (baseTags === null) {
        rec.host = plan.host;
        rec.tags = tags;
        baseTags = tags;
        out = rec;
      } else if (tags === baseTags) {
        out = rec;
      } else if (copy !== null && copy.tags === tags) {
        out = copy;
      } else {
        copy = { ...rec, tags };
        out = copy;
      }
      const rule = sp.multiline[i] ?? null;
      if (rule) this.#multilineFor(route).push(out, rule);
      else this.#offer(route.input, out);
    }
  }

  /**
   * The names of the routes in the current table that take this line (its container's plan for its
   * stream, then each route's line filter): the live stream's `route=` filter asks this.
   */
  routesTaking(rec: Pick<LogRecord, 'container' | 'source' | 'line'>): string[] {
    const plan = this.#table.plan(rec.container);
    const routes = (rec.source === 'stdout' ? plan.stdout : plan.stderr).routes;
    const out: string[] = [];
    for (let i = 0; i < routes.length; i++) if (passesLineFilter(routes[i]!, rec.line)) out.push(routes[i]!.name);
    return out;
  }

  /** Emits the open multiline groups of a container (it exited). Call before its last ack settles. */
  flushContainer(id: string): void {
    for (const m of this.#multiline.values()) m.flushContainer(id);
  }

  /** A container's metadata changed (a rename): its plan is worked out again on its next line. */
  replan(id: string): void {
    this.#table.forget(id);
  }

  /** A container is gone: flush its groups and drop its memoised plan in the current table. */
  forget(id: string): void {
    this.flushContainer(id);
    this.#table.forget(id);
  }

  /** Emits every open group of these routes and drops their state (they are being retired). */
  flushRoutes(routes: Iterable<RouteInput>): void {
    for (const s of routes) {
      const m = this.#multiline.get(s);
      if (!m) continue;
      m.flushAll();
      this.#multiline.delete(s);
    }
  }

  /** Emits every open group (shutdown, after reading stopped and before the routes drain). */
  flushAll(): void {
    for (const m of this.#multiline.values()) m.flushAll();
  }

  /** Open multiline groups across routes. */
  get pendingGroups(): number {
    let n = 0;
    for (const m of this.#multiline.values()) n += m.pending;
    return n;
  }

  #offer(route: RouteInput, rec: LogRecord): void {
    if (route.offer(rec) === 'pause') this.#onPause(rec.container.id, route);
  }

  #multilineFor(route: TableRoute): Multiline {
    let m = this.#multiline.get(route.input);
    if (!m) {
      // One closure per route, not per line.
      const input = route.input;
      m = new Multiline((r) => this.#offer(input, r), this.#clock);
      this.#multiline.set(input, m);
    }
    return m;
  }
}

/** A route's line filter. `filter.include`: any must match (when given); `filter.exclude`: none may. */
export function passesLineFilter(route: Pick<TableRoute, 'include' | 'exclude'>, line: string): boolean {
  const inc = route.include;
  if (inc.length > 0) {
    let ok = false;
    for (let i = 0; i < inc.length; i++) {
      if (inc[i]!.test(line)) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  const exc = route.exclude;
  for (let i = 0; i < exc.length; i++) if (exc[i]!.test(line)) return false;
  return true;
}
