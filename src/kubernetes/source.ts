/**
 * The pod log file source, for Kubernetes nodes without Docker (containerd, CRI-O):
 *
 *   log_dir ──scan/watch──► PodRun (one per <pod>/<container>/<restart>) ──► Follower ──► LogFile + CriReader
 *                               │ OffsetTracker (AckSink) ◄── settle ── routes          │ lines
 *                               └──► FileCheckpointStore (<state_dir>/files.json)      ▼
 *   PodWatcher (API) ──labels/annotations──► ContainerInfo ───────────────────► ctx.emit(LogRecord)
 *
 * The runtime gives a context: `select` says whether a container is collected (containers.*),
 * `emit` dispatches one record synchronously (the source holds one hold on it and settles that
 * when `emit` returns), `lifecycle` says a run ended, was removed or renamed. Acknowledgements
 * come back through each record's AckRef into the run's OffsetTracker, which alone moves the
 * checkpoint: a restart resumes after the last acknowledged line, whatever was rotated meanwhile.
 */
import { access } from 'node:fs/promises';
import type { ContainerInfo } from '../core/record.js';
import type { FollowedRun, KubernetesSourceContext } from './context.js';
import { scanLogDir, watchLogDir, type LogDirWatch, type RunRef } from './discover.js';
import { FileCheckpointStore } from './file-checkpoints.js';
import { PodRun } from './run.js';
import { podContainerInfo, runKey } from './path.js';
import type { PodWatcher } from './pods.js';

export type { FollowedRun, KubernetesSourceContext, Lifecycle } from './context.js';

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

export class KubernetesSource {
  readonly #runs = new Map<string, PodRun>();
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
    try {
      await access(this.opts.logDir);
    } catch (err) {
      this.ctx.logger.warn({ logDir: this.opts.logDir, err: (err as Error).message }, 'The pod log directory cannot be read; sluice checks again every few seconds. Mount the kubelet\'s /var/log/pods there (read-only).');
      this.#watchFailed = true;
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
    for (const r of this.#runs.values()) r.stop();
    await this.opts.pods?.stop();
  }

  /**
   * Saves every run's position and writes `files.json` (shutdown, after the routes drained). The
   * runtime must await it: the positions live in this source's own file, not the runtime's store.
   */
  async saveCheckpoints(): Promise<void> {
    for (const r of this.#runs.values()) r.save();
    await this.#store.flush();
  }

  pause(id: string): void {
    this.#runs.get(id)?.pause();
  }

  resume(id: string): void {
    this.#runs.get(id)?.resume();
  }

  /** After a config change: select again (start or stop followers). */
  async rematch(): Promise<void> {
    for (const r of this.#runs.values()) this.#decide(r);
  }

  /** Runs followed in this process and not removed. */
  *followed(): Iterable<FollowedRun> {
    for (const r of this.#runs.values()) yield r.view();
  }

  /**
   * Ready: reading needs only the files, so this is true while started. The pod API's state is
   * `sluice_kubernetes_api_connected` (lines flow without it).
   */
  get connected(): boolean {
    return this.#state === 'running';
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
      r.poke(); // it reads what it holds to the end, then ends
      if (!r.reading && r.tracker.outstanding === 0) this.#remove(r);
    }
  }

  #newRun(ref: RunRef, key: string): PodRun {
    const info = podContainerInfo(ref.pod, ref.podDirName, ref.container, ref.restart, this.opts.pods?.get(ref.pod.uid));
    return new PodRun(ref, key, info, {
      ctx: this.ctx,
      store: this.#store,
      maxLineBytes: this.opts.maxLineBytes,
      pollMs: this.#pollMs,
      ...(this.opts.idleMs !== undefined ? { idleMs: this.opts.idleMs } : {}),
      superseded: () => this.#scanSoon(),
      ended: (run, why) => {
        this.ctx.lifecycle(run.key, 'ended', run.info);
        if (why === 'gone') this.#scanSoon();
      },
    });
  }

  /** Starts or stops the run's follower as the selection (and the metadata wait) says. */
  #decide(r: PodRun): void {
    if (this.#state !== 'running' || r.ended) return;
    const pods = this.opts.pods;
    if (!r.reading && pods !== null && pods.get(r.ref.pod.uid) === undefined) {
      // Wait a little for the pod's labels (a route may match by label); not while the API is down.
      const waited = this.ctx.clock.now() - r.waitingSince;
      if (waited < this.#waitMs && (pods.connected || !pods.synced)) {
        this.#waiting++;
        return;
      }
    }
    const want = this.ctx.select(r.info);
    if (want && !r.reading) r.start(this.#startFor());
    else if (!want && r.reading) {
      r.stop('unmatched');
      this.ctx.lifecycle(r.key, 'ended', r.info);
    }
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

  #remove(r: PodRun): void {
    this.#runs.delete(r.key);
    this.#store.forget(r.key);
    // Its lines_read series stays: pods share container names (many are "app"), and the set of
    // names is bounded by the pod specs.
    this.ctx.lifecycle(r.key, 'removed', r.info);
  }

  #report(): void {
    const m = this.ctx.metrics;
    let files = 0;
    let reading = 0;
    for (const r of this.#runs.values()) {
      files += r.files.length;
      if (r.reading) reading++;
      if (r.unreported > 0) {
        m.linesRead.inc({ container: r.info.name }, r.unreported);
        r.unreported = 0;
      }
    }
    m.logFilesFollowed.set(files);
    m.containersAttached.set(reading);
    const pods = this.opts.pods;
    if (pods !== null) m.kubernetesApiConnected.set(pods.connected ? 1 : 0);
  }
}
