/**
 * The pod log file source, for Kubernetes nodes without Docker (containerd, CRI-O):
 *
 *   log_dir ──scan/watch──► Run (one per <pod>/<container>/<restart>) ──► Follower ──► LogFile + CriReader
 *                               │ OffsetTracker (AckSink) ◄── settle ── routes          │ lines
 *                               └──► FileCheckpointStore (<state_dir>/files.json)      ▼
 *   PodWatcher (API) ──labels/annotations──► ContainerInfo ───────────────────► ctx.emit(LogRecord)
 *
 * The runtime gives a context: `select` says whether a container is collected (containers.*),
 * `emit` dispatches one record synchronously (the source holds one hold on it and settles that
 * when `emit` returns), `ended`/`removed`/`renamed` are the lifecycle calls. Acknowledgements
 * come back through each record's AckRef into the run's OffsetTracker, which alone moves the
 * checkpoint: a restart resumes after the last acknowledged line, whatever was rotated meanwhile.
 */
import type { Backfill } from '../config/types.js';
import type { ContainerInfo, LogRecord, Stream } from '../core/record.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Clock } from '../util/clock.js';
import { formatDockerTime, parseDockerTimeMs } from '../delivery/time.js';
import { scanLogDir, watchLogDir, type LogDirWatch, type RunRef } from './discover.js';
import { FileCheckpointStore } from './file-checkpoints.js';
import { Follower } from './follower.js';
import type { LogFile } from './log-file.js';
import { OffsetTracker } from './offsets.js';
import { podContainerInfo, runKey } from './path.js';
import type { PodWatcher } from './pods.js';

/**
 * What happened to a followed container (the same three calls as core/source.ts's seam):
 * `ended` its stream ended for good (read to its end after the container exited or the pod went,
 * or no longer selected) — its acks may still settle; `removed` its pod directory is gone;
 * `renamed` its metadata changed (pod labels arrived): routing matches it again.
 */
export type Lifecycle = 'ended' | 'removed' | 'renamed';

/** What the runtime gives this source: the fields of core/source.ts's SourceContext it uses. */
export interface KubernetesSourceContext {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
  /** `containers.*`: is this container collected (sluice.enable, opt_in, exclude)? */
  select(info: ContainerInfo): boolean;
  /** `containers.backfill`: for runs that existed before sluice first ran. */
  backfill(): Backfill;
  /** One line as a record; routed synchronously. The source settles its own hold when it returns. */
  emit(rec: LogRecord): void;
  lifecycle(containerId: string, what: Lifecycle, info: ContainerInfo): void;
}

/** A followed container run as /status and /metrics see it (core/source.ts FollowedView, plus files). */
export interface FollowedRun {
  readonly info: ContainerInfo;
  readonly attached: boolean;
  lagSeconds(nowMs: number): number;
  /** Files open for reading, oldest first, with the next byte to read. */
  readonly files: readonly { name: string; offset: number }[];
  /** Where a restart resumes (the acknowledged position), or null before any line. */
  readonly checkpoint: { file: string; offset: number } | null;
}

export interface KubernetesSourceOptions {
  logDir: string;
  /** `state_dir`; null keeps positions in memory only. */
  stateDir: string | null;
  maxLineBytes: number;
  /** Pod metadata; null with `api: off`. */
  pods: PodWatcher | null;
  /** Follower poll / rescan period (the fallback for missed watch events). Default 250 ms. */
  pollMs?: number;
  /** A followed run's fallback poll while its directory watch works. Default 2000 ms. */
  idleMs?: number;
  /** How long a pod's lines wait for its metadata while the API is up. Default 2000 ms. */
  metadataWaitMs?: number;
}

interface Run {
  readonly ref: RunRef;
  readonly key: string;
  info: ContainerInfo;
  tracker: OffsetTracker<LogFile>;
  follower: Follower | undefined;
  paused: boolean;
  ended: boolean;
  unreported: number;
  waitingSince: number;
}

export class KubernetesSource {
  readonly #runs = new Map<string, Run>();
  readonly #store: FileCheckpointStore;
  readonly #pollMs: number;
  readonly #waitMs: number;
  #state: 'new' | 'running' | 'stopped' = 'new';
  #watch: LogDirWatch | undefined;
  #scanning: Promise<void> | undefined;
  #rescan = false;
  #cancelTimer: (() => void) | undefined;
  #initial = true;
  #hadState = false;
  #collectHooked = false;
  #watchFailed = false;
  #waiting = 0;
  #armedMs = 0;

  constructor(
    private readonly opts: KubernetesSourceOptions,
    private readonly ctx: KubernetesSourceContext,
  ) {
    this.#store = new FileCheckpointStore({ dir: opts.stateDir, clock: ctx.clock, logger: ctx.logger });
    this.#pollMs = opts.pollMs ?? 250;
    this.#waitMs = opts.metadataWaitMs ?? 2000;
  }

  async start(): Promise<void> {
    if (this.#state !== 'new') return;
    this.#state = 'running';
    await this.#store.load();
    this.#hadState = this.#store.size > 0;
    if (!this.#collectHooked) {
      this.#collectHooked = true;
      this.ctx.metrics.beforeCollect.push(() => this.#report());
    }
    const pods = this.opts.pods;
    if (pods !== null) {
      pods.onChange = (uid) => this.#podChanged(uid);
      pods.start();
    }
    this.#watch = watchLogDir(this.opts.logDir, () => this.#scanSoon(), (err) => {
      if (!this.#watchFailed) this.ctx.logger.warn({ err: err.message }, 'Watching the pod log directory failed; scanning it every second instead.');
      this.#watchFailed = true;
    });
    await this.#watch.ready;
    await this.#scan();
    this.#initial = false;
    this.#arm();
  }

  async stop(): Promise<void> {
    if (this.#state !== 'running') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopped';
    this.#cancelTimer?.();
    await this.#watch?.close();
    await this.#scanning;
    for (const r of this.#runs.values()) {
      r.follower?.stop();
      this.#save(r);
    }
    await this.opts.pods?.stop();
  }

  /**
   * Saves every run's position and writes `files.json` (shutdown, after the routes drained). The
   * runtime must await it: the positions live in this source's own file, not the runtime's store.
   */
  async saveCheckpoints(): Promise<void> {
    for (const r of this.#runs.values()) this.#save(r);
    await this.#store.flush();
  }

  pause(id: string): void {
    const r = this.#runs.get(id);
    if (!r) return;
    r.paused = true;
    r.follower?.pause();
  }

  resume(id: string): void {
    const r = this.#runs.get(id);
    if (!r) return;
    r.paused = false;
    r.follower?.resume();
  }

  /** After a config change: select again (start or stop followers). */
  async rematch(): Promise<void> {
    for (const r of this.#runs.values()) this.#decide(r);
  }

  /** Runs followed in this process and not removed. */
  *followed(): Iterable<FollowedRun> {
    for (const r of this.#runs.values()) {
      const tracker = r.tracker;
      const pos = tracker.position;
      yield {
        info: r.info,
        attached: r.follower !== undefined,
        lagSeconds: (now) => {
          const t = tracker.oldestUnackedTime();
          return t ? Math.max(0, (now - parseDockerTimeMs(t)) / 1000) : 0;
        },
        files: (r.follower?.files ?? []).map((f) => ({ name: f.name, offset: f.pos })),
        checkpoint: pos ? { file: pos.file.name, offset: pos.offset } : null,
      };
    }
  }

  /** The pod API's watch is up (always true with the API off: the files need nothing to answer). */
  get connected(): boolean {
    return this.opts.pods === null || this.opts.pods.connected;
  }

  /** The metadata a container would have (sluice explain). */
  infoFor(namespace: string, pod: string, container: string): ContainerInfo | undefined {
    for (const r of this.#runs.values()) if (r.ref.pod.namespace === namespace && r.ref.pod.pod === pod && r.ref.container === container) return r.info;
    return undefined;
  }

  #arm(): void {
    if (this.#state !== 'running') return;
    // The fallback for a missed or failed directory watch (every second when it failed, else every
    // 10 s: nothing costs while nothing happens); every 250 ms while a run waits for pod metadata.
    const ms = this.#waiting > 0 ? 250 : this.#watchFailed ? 1000 : 10_000;
    this.#armedMs = ms;
    this.#cancelTimer = this.ctx.clock.setTimer(ms, () => {
      this.#scanSoon();
      this.#arm();
    });
  }

  #scanSoon(): void {
    if (this.#scanning !== undefined) {
      this.#rescan = true;
      return;
    }
    this.#scanning = this.#scan().finally(() => {
      this.#scanning = undefined;
      if (this.#rescan && this.#state === 'running') {
        this.#rescan = false;
        this.#scanSoon();
      }
    });
  }

  async #scan(): Promise<void> {
    if (this.#state !== 'running') return;
    const { runs, pods } = await scanLogDir(this.opts.logDir);
    this.#waiting = 0;
    for (const ref of runs) {
      const key = runKey(ref.podDirName, ref.container, ref.restart);
      let r = this.#runs.get(key);
      if (r === undefined) {
        r = this.#newRun(ref, key);
        this.#runs.set(key, r);
      }
      if (!r.ended) this.#decide(r);
    }
    if (this.#waiting > 0 && this.#armedMs > 250 && !this.#initial) {
      this.#cancelTimer?.();
      this.#arm();
    }
    for (const r of [...this.#runs.values()]) {
      if (pods.has(r.ref.podDirName)) continue;
      r.follower?.poke(); // it reads what it holds to the end, then ends
      if (r.follower === undefined && r.tracker.outstanding === 0) this.#remove(r);
    }
  }

  #newRun(ref: RunRef, key: string): Run {
    const info = podContainerInfo(ref.pod, ref.podDirName, ref.container, ref.restart, this.opts.pods?.get(ref.pod.uid));
    const r: Run = { ref, key, info, follower: undefined, paused: false, ended: false, unreported: 0, waitingSince: this.ctx.clock.now(), tracker: undefined! };
    r.tracker = new OffsetTracker<LogFile>(undefined, () => this.#save(r));
    return r;
  }

  /** Starts or stops the run's follower as the selection (and the metadata wait) says. */
  #decide(r: Run): void {
    if (this.#state !== 'running' || r.ended) return;
    const pods = this.opts.pods;
    if (r.follower === undefined && pods !== null && pods.get(r.ref.pod.uid) === undefined) {
      // Wait a little for the pod's labels (a route may match by label); not while the API is down.
      const waited = this.ctx.clock.now() - r.waitingSince;
      if (waited < this.#waitMs && (pods.connected || !pods.synced)) {
        this.#waiting++;
        return;
      }
    }
    const want = this.ctx.select(r.info);
    if (want && r.follower === undefined) this.#startFollower(r);
    else if (!want && r.follower !== undefined) {
      r.follower.stop();
      r.follower = undefined;
      this.#save(r);
      this.ctx.lifecycle(r.key, 'ended', r.info);
    }
  }

  #startFollower(r: Run): void {
    const stored = this.#store.get(r.key);
    const resume = r.tracker.position;
    const f = new Follower(
      r.ref.dir,
      r.ref.restart,
      {
        maxLineBytes: this.opts.maxLineBytes,
        clock: this.ctx.clock,
        pollMs: this.#pollMs,
        ...(this.opts.idleMs !== undefined ? { idleMs: this.opts.idleMs } : {}),
        // Collected again after a reload had excluded it: from the end (it was not read meanwhile).
        start: resume ? 'end' : stored ?? this.#startFor(),
        fallbackTime: () => formatDockerTime({ sec: Math.floor(this.ctx.clock.now() / 1000), nsec: (this.ctx.clock.now() % 1000) * 1e6 }),
      },
      {
        line: (stream, time, line, truncated, file, at) => this.#line(r, stream, time, line, truncated, file, at),
        garbage: (detail) => {
          this.ctx.metrics.linesUnparseable.inc({ container: r.info.name });
          this.ctx.logger.warn({ container: r.info.name, pod: r.ref.pod.pod, namespace: r.ref.pod.namespace, detail }, 'A pod log line is not a CRI record; delivered it as it is.');
        },
        fileDone: (_done, next) => {
          if (next !== undefined) r.tracker.mark(next, 0);
        },
        lost: (name, detail) => {
          this.ctx.metrics.logFilesLost.inc({ container: r.info.name, reason: 'rotated_away' });
          this.ctx.logger.error({ container: r.info.name, pod: r.ref.pod.pod, namespace: r.ref.pod.namespace, file: name, detail }, 'A pod log file was rotated away before sluice read it to its end; its unread lines are lost.');
        },
        superseded: () => this.#scanSoon(),
        ended: (why) => {
          if (r.follower !== f) return;
          r.follower = undefined;
          r.ended = true;
          this.ctx.lifecycle(r.key, 'ended', r.info);
          if (why === 'gone') this.#scanSoon();
        },
      },
    );
    r.follower = f;
    if (r.paused) f.pause();
    void f.start().then(() => {
      // Record where a new run starts at once: lines it prints while sluice is down are then not lost.
      if (r.tracker.position === undefined && f.startedAt !== undefined) {
        r.tracker.mark(f.startedAt.file, f.startedAt.offset);
      }
    });
  }

  /**
   * A run without a checkpoint. Found after start, or at start when sluice has saved state before
   * (it appeared while sluice was down): read whole. At the first start ever (or with
   * `state_dir: null`): as `containers.backfill` says (`none`: from the end).
   */
  #startFor(): 'start' | 'end' {
    if (!this.#initial || this.ctx.backfill().kind !== 'none' || this.#hadState) return 'start';
    return 'end';
  }

  #line(r: Run, stream: Stream, time: string, line: string, truncated: boolean, file: LogFile, at: number): void {
    r.unreported++;
    const tracker = r.tracker;
    const seq = tracker.add(file, at, time);
    const rec: LogRecord = { time, line, source: stream, container: r.info, host: '', tags: [], truncated, acks: [{ tracker, stream, seq }] };
    this.ctx.emit(rec);
    tracker.settle(stream, seq);
  }

  #save(r: Run): void {
    const pos = r.tracker.position;
    if (pos === undefined) return;
    this.#store.updateLazy(r.key, async () => ({ file: await pos.file.identity(), offset: pos.offset }));
  }

  #podChanged(uid: string): void {
    for (const r of this.#runs.values()) {
      if (r.ref.pod.uid !== uid || r.ended) continue;
      const meta = this.opts.pods?.get(uid);
      if (meta === undefined) continue; // deleted: its files go soon; keep the last metadata
      r.info = podContainerInfo(r.ref.pod, r.ref.podDirName, r.ref.container, r.ref.restart, meta);
      this.ctx.lifecycle(r.key, 'renamed', r.info);
      this.#decide(r);
    }
  }

  #remove(r: Run): void {
    this.#runs.delete(r.key);
    this.#store.forget(r.key);
    this.ctx.metrics.linesRead.remove(r.info.name);
    this.ctx.lifecycle(r.key, 'removed', r.info);
  }

  #report(): void {
    const m = this.ctx.metrics;
    let files = 0;
    for (const r of this.#runs.values()) {
      files += r.follower?.files.length ?? 0;
      if (r.unreported > 0) {
        m.linesRead.inc({ container: r.info.name }, r.unreported);
        r.unreported = 0;
      }
    }
    m.logFilesFollowed.set(files);
    const pods = this.opts.pods;
    if (pods !== null) m.kubernetesApiConnected.set(pods.connected ? 1 : 0);
  }
}
