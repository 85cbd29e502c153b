/**
 * The running agent: owns every part and wires them.
 *
 *   Docker engine ──► DockerSource ─► FollowedContainer ──(LogRecord)──► Router.dispatch ──► Route.offer ─► Sink
 *   (or pod log files ► KubernetesSource ► PodRun, chosen by `source:` in runtime/source-choice.ts)
 *        ▲  pause/resume   (docker/)      │ AckTracker.add                                (buffer, batch, retry)
 *        └── FlowControl ◄────────────────┼──── onPause ◄── Router                                │
 *                                         │                                                     settle
 *                                         └── ReadCursor ◄── CheckpointStore ◄── AckTracker ◄────┘
 *
 * A source (core/source.ts) hands over each line already a LogRecord whose ack it tracks; the agent
 * routes it (SourceContext.emit). When every route has delivered (or dropped by policy) a prefix of a
 * stream, the container's checkpoint advances and the CheckpointStore writes it (coalesced, atomic).
 * On restart each container resumes from its checkpoint: nothing acknowledged is read twice, nothing
 * else is lost. What the agent keeps per container (multiline groups, flow-control blocks, route
 * memo, the checkpoint entry) is let go through the source's one lifecycle call.
 */
import type { ResolvedConfig, RouteConfig } from '../config/types.js';
import type { LogRecord } from '../core/record.js';
import type { FollowedView, Lifecycle, SourceContext } from '../core/source.js';
import type { StreamCheckpoints } from '../delivery/acks.js';
import { CheckpointStore, type StoredEntry } from '../delivery/checkpoint.js';
import { FlowControl } from '../delivery/flow.js';
import { Route } from '../delivery/route.js';
import { ChosenSource } from './source-choice.js';
import { Router } from '../routing/router.js';
import { selectContainer } from '../routing/select.js';
import { RouteTable, type RouteInput } from '../routing/table.js';
import { createSink } from '../sinks/index.js';
import type { Sink } from '../sinks/sink.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import { Events } from '../telemetry/events.js';
import { systemClock, type Clock } from '../util/clock.js';
import { diffConfigs } from '../config/diff.js';

/** Minimum gap between two checkpoint writes (each is a temp file + fsync + rename). */
export const CHECKPOINT_GAP_MS = 50;

export interface AgentDeps {
  logger: Logger;
  metrics: Metrics;
  clock?: Clock;
  /** sluice's own container id when it runs in one (never collected). */
  selfId?: string;
  /** Builds a destination; tests inject capture sinks here. */
  sinkFactory?: (route: RouteConfig) => Sink;
  version?: string;
  /** Named events (attach/detach); default: built from logger and metrics. */
  events?: Events;
}

/**
 * A reload's outcome. `globalChanged` lists the top-level keys that changed (config/diff.ts names):
 * parts the agent does not own act on them (the API server restarts its listener on `api`).
 */
export type ApplyResult = { ok: true; summary: string; globalChanged: string[] } | { ok: false; reason: string };

export class Agent {
  #config: ResolvedConfig;
  readonly #deps: AgentDeps;
  readonly #clock: Clock;
  readonly #routes = new Map<string, Route>();
  readonly #flow: FlowControl<RouteInput>;
  readonly #router: Router;
  readonly #source: ChosenSource;
  readonly #checkpoints: CheckpointStore;
  readonly #events: Events;
  #stored = new Map<string, StoredEntry>();
  /** Containers created at or after this instant were never readable before: read them whole. */
  #epochMs = 0;
  #state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  /**
   * Live-tail tap (the API's /logs, through `tapRecords`): called with every record read, after
   * dispatch. null while nobody listens, so the hot path pays one field check.
   */
  #tap: ((rec: LogRecord) => void) | null = null;
  readonly #tapListeners = new Set<(rec: LogRecord) => void>();

  constructor(config: ResolvedConfig, deps: AgentDeps) {
    this.#config = config;
    this.#deps = deps;
    deps.metrics.beforeCollect.push(() => this.#reportCheckpointHealth());
    this.#clock = deps.clock ?? systemClock;
    this.#events = deps.events ?? new Events({ logger: deps.logger, metrics: deps.metrics });
    // Written soon after each acknowledged batch (coalesced; at most every CHECKPOINT_GAP_MS), so a
    // crash re-sends little more than the batches in flight; never more than a second stale.
    this.#checkpoints = new CheckpointStore({ dir: config.stateDir, clock: this.#clock, logger: deps.logger, intervalMs: CHECKPOINT_GAP_MS });
    this.#source = new ChosenSource(config, this.#sourceContext());
    this.#flow = new FlowControl<RouteInput>({ pause: (id) => this.#source.pause(id), resume: (id) => this.#source.resume(id) });
    for (const rc of config.routes) this.#routes.set(rc.name, this.#buildRoute(rc));
    this.#router = new Router(new RouteTable(config, this.#routes, { logger: deps.logger }), {
      onPause: (id, route) => this.#flow.block(id, route),
      clock: this.#clock,
    });
  }

  get config(): ResolvedConfig {
    return this.#config;
  }
  get source(): ChosenSource {
    return this.#source;
  }
  get routes(): ReadonlyMap<string, Route> {
    return this.#routes;
  }
  /** Containers followed in this run and not removed (for /status and /metrics). */
  get containers(): ReadonlyMap<string, FollowedView> {
    const m = new Map<string, FollowedView>();
    for (const c of this.#source.followed()) m.set(c.info.id, c);
    return m;
  }
  get router(): Router {
    return this.#router;
  }
  /** See AgentView.tapRecords (src/api/view.ts). */
  tapRecords(listener: (rec: LogRecord) => void): () => void {
    this.#tapListeners.add(listener);
    this.#retap();
    return () => {
      this.#tapListeners.delete(listener);
      this.#retap();
    };
  }

  #retap(): void {
    const ls = [...this.#tapListeners];
    this.#tap = ls.length === 0 ? null : ls.length === 1 ? ls[0]! : (rec) => {
      for (const l of ls) l(rec);
    };
  }

  /** See AgentView.routesTaking (src/api/view.ts). */
  routesTaking(rec: Pick<LogRecord, 'container' | 'source' | 'line'>): string[] {
    return this.#router.routesTaking(rec);
  }

  /** Why checkpoints cannot be saved (state_dir not writable), or null. */
  get checkpointProblem(): string | null {
    return this.#checkpoints.problem;
  }

  #checkpointFailuresReported = 0;
  #reportCheckpointHealth(): void {
    if (this.#config.stateDir === null) return;
    const m = this.#deps.metrics;
    m.stateDirWritable.set(this.#checkpoints.problem === null ? 1 : 0);
    const failures = this.#checkpoints.failures;
    if (failures > this.#checkpointFailuresReported) m.checkpointWriteFailures.inc(failures - this.#checkpointFailuresReported);
    this.#checkpointFailuresReported = failures;
  }

  async start(): Promise<void> {
    if (this.#state !== 'new') return;
    this.#state = 'running';
    this.#stored = await this.#checkpoints.load();
    if (this.#state !== 'running') return; // stopped while loading: start nothing more
    // A container created after the previous run last saved its state had no reader: read it whole.
    let last = 0;
    for (const e of this.#stored.values()) last = Math.max(last, e.updatedAt);
    this.#epochMs = last > 0 ? last : this.#clock.now();
    await this.#source.start();
  }

  /**
   * Graceful stop, in order: stop reading → flush multiline groups → drain every route (bounded by
   * shutdown_timeout) → close sinks → write checkpoints. Idempotent.
   */
  async stop(): Promise<void> {
    if (this.#state === 'stopping' || this.#state === 'stopped') return;
    if (this.#state === 'new') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopping';
    await this.#source.stop();
    this.#router.flushAll();
    const timeout = this.#config.shutdownTimeoutMs;
    await Promise.all([...this.#routes.values()].map((r) => r.drainAndClose(timeout)));
    await this.#source.saveCheckpoints();
    await this.#checkpoints.flush();
    this.#state = 'stopped';
  }

  /**
   * Applies a new config as a diff (Vector's topology reload): build new and changed routes first,
   * swap the route table in one assignment, then retire removed and changed routes by draining them.
   * Unchanged routes are the same objects: their buffers and in-flight batches carry on.
   */
  async apply(next: ResolvedConfig): Promise<ApplyResult> {
    if (this.#state === 'stopping' || this.#state === 'stopped') return { ok: false, reason: 'the agent is stopping' };
    const d = diffConfigs(this.#config, next);
    // The source holds its Docker connection settings from construction (and every tap its framing
    // options): reconnecting under running taps is not implemented, so say so rather than half-apply.
    const restart = [...d.restartRequired, ...(d.globalChanged.includes('docker') ? ['docker: changing the Docker connection or framing settings needs a restart'] : [])];
    if (restart.length > 0) return { ok: false, reason: restart.join('; ') };
    const built = new Map<string, Route>();
    try {
      for (const rc of [...d.added, ...d.changed.map((c) => c.next)]) built.set(rc.name, this.#buildRoute(rc));
    } catch (err) {
      for (const r of built.values()) void r.retire();
      return { ok: false, reason: `a route could not be built: ${(err as Error).message}` };
    }
    const nextRoutes = new Map<string, Route>();
    for (const rc of next.routes) nextRoutes.set(rc.name, built.get(rc.name) ?? this.#routes.get(rc.name)!);
    const retiring = [...d.removed.map((r) => r.name), ...d.changed.map((c) => c.prev.name)].map((n) => this.#routes.get(n)!);
    const table = new RouteTable(next, nextRoutes, { logger: this.#deps.logger });
    // --- swap: no await between these lines, so every record sees the old table or the new one.
    this.#router.swap(table);
    this.#routes.clear();
    for (const [n, r] of nextRoutes) this.#routes.set(n, r);
    this.#config = next;
    this.#router.flushRoutes(retiring);
    // --- retire: drain what the old routes hold (they still deliver and settle acks).
    for (const r of retiring) {
      this.#flow.release(r);
      void r.retire();
    }
    if (d.globalChanged.includes('log_level')) this.#deps.logger.level = next.logLevel;
    // hostname and tags need nothing more: the new table renders them afresh for every container.
    if (d.globalChanged.includes('containers')) await this.#source.rematch();
    const summary = `+${d.added.length} ~${d.changed.length} -${d.removed.length} routes` + (d.globalChanged.length ? `; changed: ${d.globalChanged.join(', ')}` : '');
    return { ok: true, summary, globalChanged: [...d.globalChanged] };
  }

  #buildRoute(rc: RouteConfig): Route {
    const { logger, metrics } = this.#deps;
    const sink = this.#deps.sinkFactory ? this.#deps.sinkFactory(rc) : createSink(rc.destination, { logger, ...(this.#deps.version ? { version: this.#deps.version } : {}) });
    const route = new Route({ config: rc, sink, clock: this.#clock, metrics, logger });
    route.onDrain(() => this.#flow.release(route));
    return route;
  }

  /** What the Docker source gets from the agent (core/source.ts). */
  #sourceContext(): SourceContext<StreamCheckpoints> {
    const self = this;
    const store = this.#checkpoints;
    return {
      logger: this.#deps.logger,
      metrics: this.#deps.metrics,
      clock: this.#clock,
      events: this.#events,
      select: (info) => this.#state === 'running' && selectContainer(info, this.#config.containers, this.#deps.selfId).collect,
      backfill: () => this.#config.containers.backfill,
      emit: (rec) => this.#emit(rec),
      lifecycle: (id, what) => this.#lifecycle(id, what),
      checkpoints: {
        stored: (id) => {
          const e = this.#stored.get(id);
          return e ? checkpointsOf(e) : undefined;
        },
        get epochMs() {
          return self.#epochMs;
        },
        save: (id, name, cp) => store.update(id, cp, name),
        saveLazy: (id, name, cp) => store.updateLazy(id, cp, name),
      },
    };
  }

  #emit(rec: LogRecord): void {
    this.#router.dispatch(rec);
    if (this.#tap !== null) this.#tap(rec);
  }

  /** The one place that lets go of what the agent's parts keep per container. */
  #lifecycle(id: string, what: Lifecycle): void {
    switch (what) {
      case 'renamed':
        this.#router.replan(id);
        return;
      case 'ended':
        // Emit open multiline groups; its acks still reach the checkpoint until it is removed.
        this.#router.flushContainer(id);
        this.#flow.forget(id);
        return;
      case 'removed':
        this.#router.forget(id);
        this.#flow.forget(id);
        this.#checkpoints.forget(id);
        return;
    }
  }

  /** Seconds between now and the oldest line read but not acknowledged, per container. */
  checkpointLag(c: FollowedView): number {
    return c.lagSeconds(this.#clock.now());
  }
}

/** The stream checkpoints of a stored entry (without its name and timestamps). */
function checkpointsOf(e: StoredEntry): StreamCheckpoints {
  return { ...(e.stdout ? { stdout: e.stdout } : {}), ...(e.stderr ? { stderr: e.stderr } : {}) };
}
