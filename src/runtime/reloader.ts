/**
 * Hot reload: notices every way a mounted config file changes and applies it to the running agent.
 *
 *   dir watch (config dir + `${file:}` dirs) ─┐
 *   poll timer (reload.poll_interval) ─────────┼─► debounce (reload.debounce) ─┐
 *   SIGHUP → reload() ─────────────────────────┴──────────────────────────────┴─► check (one at a time)
 *
 *   check: read bytes ─ digest (with the running config's secret files) ─ same as the last applied?
 *          stop ─ loadConfigText ─ invalid: reject as a whole (once per distinct content) ─ valid and
 *          the running hash? stop ─ agent.apply(next) ─ applied | rejected (e.g. needs a restart)
 *
 * The kind of event is never trusted (a ConfigMap swap shows as add, change or unlink depending on
 * the platform): every event just schedules a check, and the content decides. An `unlink` never
 * drops the running config; a missing file is warned about once and the agent keeps going.
 */
import { EventEmitter } from 'node:events';
import { dirname, resolve } from 'node:path';
import { diffConfigs, isEmptyDiff } from '../config/diff.js';
import { formatConfigError, loadConfigText, type LoadOptions } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import { isoUtc } from '../delivery/time.js';
import { backoffDelay } from '../util/backoff.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { ApplyResult } from './agent.js';
import { isFileMount, readProbe, watchDirs, type DirWatch, type WatchFactory } from './watch.js';

/** What the reloader drives: the Agent fits. */
export interface ReloadTarget {
  readonly config: ResolvedConfig;
  apply(next: ResolvedConfig): Promise<ApplyResult>;
}

export interface ReloaderOptions {
  /** The config file as given on the command line (made absolute here). */
  readonly file: string;
  readonly env: NodeJS.ProcessEnv;
  readonly agent: ReloadTarget;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock?: Clock;
  /** Default: the running config's `reload.debounce`, then each applied config's. */
  readonly debounceMs?: number;
  /** Default: the running config's `reload.poll_interval`, then each applied config's. */
  readonly pollIntervalMs?: number;
  /** Tests inject a fake; default: chokidar. */
  readonly watch?: WatchFactory;
  readonly loadOptions?: LoadOptions;
}

/** For `/status`. Holds no secret: config errors never print secret values. */
export interface ReloadStatus {
  /** The digest of the running config (file bytes plus its `${file:}` files). */
  readonly hash: string;
  readonly file: string;
  /** The last reload attempt, or null when none happened since start. */
  readonly lastReload: { readonly at: string; readonly ok: boolean; readonly summary?: string; readonly errors?: string[] } | null;
}

/** What one check did (tests and logs read it). */
export type CheckOutcome = 'unchanged' | 'missing' | 'applied' | 'rejected' | 'repeated' | 'stopped';

export interface AppliedEvent {
  readonly config: ResolvedConfig;
  readonly summary: string;
  readonly globalChanged: readonly string[];
}

/**
 * Events: `applied` (AppliedEvent; the API server listens for `globalChanged` holding `api`),
 * `rejected` ({ errors: string[] }).
 */
export class Reloader extends EventEmitter {
  readonly file: string;
  readonly #o: ReloaderOptions;
  readonly #clock: Clock;
  readonly #watchFactory: WatchFactory;
  #debounceMs: number;
  #pollMs: number;

  #state: 'new' | 'running' | 'stopped' = 'new';
  #watch: DirWatch | null = null;
  #watchedDirs = '';
  /** Absolute paths whose events matter: the config file and its secret files. */
  #names = new Set<string>();
  #watchFailures = 0;
  #cancelDebounce: (() => void) | null = null;
  #cancelPoll: (() => void) | null = null;
  #cancelRewatch: (() => void) | null = null;
  #recovering: Promise<void> | null = null;

  #inFlight: Promise<CheckOutcome> | null = null;
  #rerun: Promise<CheckOutcome> | null = null;
  #forceNext = false;
  /** Probe of the content the running config was loaded from (null: compare by loading). */
  #okProbe: string | null = null;
  /** Identity of the last rejected content and its reasons: the same is not reported again. */
  #rejected: string | null = null;
  #missingWarned = false;
  #last: ReloadStatus['lastReload'] = null;

  constructor(opts: ReloaderOptions) {
    super();
    this.#o = opts;
    this.file = resolve(opts.file);
    this.#clock = opts.clock ?? systemClock;
    this.#watchFactory = opts.watch ?? watchDirs;
    this.#debounceMs = opts.debounceMs ?? opts.agent.config.reload.debounceMs;
    this.#pollMs = opts.pollIntervalMs ?? opts.agent.config.reload.pollIntervalMs;
    // The config the agent started with counts as the first successful load.
    opts.metrics.configLastReloadSuccessful.set(1);
    opts.metrics.configLastReloadSuccessTimestamp.set(this.#clock.now() / 1000);
  }

  /** Starts watching (resolves once the watcher is ready), arms the poll, and checks once. */
  async start(): Promise<void> {
    if (this.#state !== 'new') return;
    this.#state = 'running';
    if (await isFileMount(this.file)) {
      this.#o.logger.warn(
        { file: this.file },
        'The config file is a single-file mount (Docker bind of a file, Kubernetes subPath): updates made by replacing it never reach sluice. Mount its directory instead.',
      );
    }
    await this.#rewatch();
    this.#armPoll();
    // The file may have changed between the CLI's load and the watcher being ready.
    await this.check();
  }

  /** Idempotent; safe before start. A check in flight finishes, but applies nothing new after. */
  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    this.#cancelDebounce?.();
    this.#cancelPoll?.();
    this.#cancelRewatch?.();
    const w = this.#watch;
    this.#watch = null;
    await w?.close();
  }

  /**
   * SIGHUP (or an API call): check now, without the debounce, and without the shortcuts: the file is
   * loaded even when its bytes did not change (TLS files named by path are not in the hash, so this
   * is how a rotated certificate is picked up), and a rejected config is reported again.
   */
  async reload(): Promise<CheckOutcome> {
    this.#cancelDebounce?.();
    this.#cancelDebounce = null;
    const outcome = await this.check(true);
    // The other outcomes log themselves; say that the request was seen.
    if (outcome === 'unchanged') this.#o.logger.info({ file: this.file }, 'Reload requested; the config file holds the running config');
    return outcome;
  }

  status(): ReloadStatus {
    return { hash: this.#o.agent.config.hash, file: this.file, lastReload: this.#last };
  }

  /** Resolves when no check is running or queued (tests; shutdown ordering). */
  async idle(): Promise<void> {
    for (;;) {
      const p = this.#recovering ?? this.#rerun ?? this.#inFlight;
      if (!p) return;
      await p;
    }
  }

  /** Runs one check; checks never overlap, and requests during one run once more after it. */
  check(force = false): Promise<CheckOutcome> {
    if (this.#inFlight) {
      this.#forceNext ||= force;
      this.#rerun ??= this.#inFlight.then(() => {
        this.#rerun = null;
        const f = this.#forceNext;
        this.#forceNext = false;
        return this.check(f);
      });
      return this.#rerun;
    }
    const p = this.#checkOnce(force).catch((err: unknown) => {
      this.#o.logger.error({ err }, 'The config reload check failed unexpectedly; the running config stays in effect');
      return 'unchanged' as const;
    });
    this.#inFlight = p.finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  async #checkOnce(force: boolean): Promise<CheckOutcome> {
    if (this.#state === 'stopped') return 'stopped';
    const { logger, metrics, agent } = this.#o;
    const running = agent.config;
    const probe = await readProbe(this.file, running.secretFiles);
    if (probe.kind === 'missing') {
      if (!this.#missingWarned) {
        this.#missingWarned = true;
        logger.warn({ file: this.file }, 'The config file is gone; the running config stays in effect until it is back');
      }
      return 'missing';
    }
    this.#missingWarned = false;
    if (probe.kind === 'unreadable') return this.#reject('', [`${this.#o.file}:1:1: cannot read the config file: ${probe.reason}`], force, 'The config file cannot be read; the running config stays in effect');
    if (!force && probe.hash === this.#okProbe) return this.#backToRunning();

    const loaded = await loadConfigText(probe.text, this.#o.file, this.#o.env, this.#o.loadOptions);
    if (this.#isStopped()) return 'stopped';
    if (!loaded.ok) return this.#reject(probe.textHash, loaded.errors.map(formatConfigError), force, 'The new config is invalid; the running config stays in effect');
    const next = loaded.config;
    if (next.hash === running.hash && isEmptyDiff(diffConfigs(running, next))) {
      this.#okProbe = probe.hash;
      return this.#backToRunning();
    }
    const started = this.#clock.now();
    const r = await agent.apply(next);
    if (!r.ok) return this.#reject(probe.textHash, [r.reason], force, 'The new config cannot be applied; the running config stays in effect');
    this.#okProbe = probe.hash;
    this.#rejected = null;
    metrics.configReloads.inc();
    metrics.configLastReloadSuccessful.set(1);
    metrics.configLastReloadSuccessTimestamp.set(this.#clock.now() / 1000);
    this.#last = { at: this.#iso(), ok: true, summary: r.summary };
    logger.info({ file: this.file, hash: next.hash.slice(0, 12), summary: r.summary, ms: this.#clock.now() - started }, 'Config reloaded');
    this.#adopt(next);
    this.emit('applied', { config: next, summary: r.summary, globalChanged: r.globalChanged } satisfies AppliedEvent);
    return 'applied';
  }

  /** The file holds the running config. After a rejection that means it is good again. */
  #backToRunning(): CheckOutcome {
    if (this.#rejected !== null) {
      this.#rejected = null;
      this.#o.metrics.configLastReloadSuccessful.set(1);
      this.#last = { at: this.#iso(), ok: true, summary: 'the file is back to the running config' };
      this.#o.logger.info({ file: this.file }, 'The config file is back to the running config');
    }
    return 'unchanged';
  }

  #reject(textHash: string, errors: string[], force: boolean, message: string): CheckOutcome {
    // Keyed by the content and the reasons: a missing secret file that appears changes the reasons.
    const key = textHash + '\n' + errors.join('\n');
    if (key === this.#rejected && !force) return 'repeated';
    this.#rejected = key;
    this.#o.metrics.configReloadFailures.inc();
    this.#o.metrics.configLastReloadSuccessful.set(0);
    this.#last = { at: this.#iso(), ok: false, errors };
    this.#o.logger.error({ file: this.file, errors }, message);
    this.emit('rejected', { errors });
    return 'rejected';
  }

  /** A new config may name other secret files and other reload timings. */
  #adopt(next: ResolvedConfig): void {
    if (this.#o.debounceMs === undefined) this.#debounceMs = next.reload.debounceMs;
    if (this.#o.pollIntervalMs === undefined && next.reload.pollIntervalMs !== this.#pollMs) {
      this.#pollMs = next.reload.pollIntervalMs;
      this.#armPoll();
    }
    void this.#rewatch();
  }

  #schedule(): void {
    if (this.#state !== 'running') return;
    this.#cancelDebounce?.();
    this.#cancelDebounce = this.#clock.setTimer(this.#debounceMs, () => {
      this.#cancelDebounce = null;
      void this.check();
    });
  }

  #armPoll(): void {
    this.#cancelPoll?.();
    if (this.#state !== 'running' || this.#pollMs <= 0) return;
    this.#cancelPoll = this.#clock.setTimer(this.#pollMs, () => {
      void this.check().finally(() => this.#armPoll());
    });
  }

  /** (Re)creates the watcher when the set of directories changed (or it failed). */
  async #rewatch(force = false): Promise<void> {
    if (this.#state !== 'running') return;
    const paths = [this.file, ...this.#o.agent.config.secretFiles.map((f) => resolve(f))];
    this.#names = new Set(paths);
    const dirs = [...new Set(paths.map((p) => dirname(p)))].sort();
    const key = dirs.join('\n');
    if (!force && this.#watch && key === this.#watchedDirs) return;
    const old = this.#watch;
    this.#watch = null;
    await old?.close();
    if (this.#state !== 'running') return;
    this.#watchedDirs = key;
    let w: DirWatch;
    try {
      w = this.#watchFactory(dirs, {
        event: (kind, path) => {
          if (this.#watch !== w || !this.#names.has(path)) return;
          // An unlink only schedules a check: a file still missing then is warned about, never unloaded.
          this.#o.logger.debug({ path, kind }, 'Config file event');
          this.#schedule();
        },
        error: (err) => {
          if (this.#watch === w) this.#onWatchError(err);
        },
      });
    } catch (err) {
      this.#onWatchError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.#watch = w;
    await w.ready;
    if (this.#watch === w) this.#watchFailures = 0;
  }

  /** Vector's recovery: close, re-create after a backoff, and check at once (events may be lost). */
  #onWatchError(err: Error): void {
    const attempt = ++this.#watchFailures;
    const delay = backoffDelay(attempt, 500, 30_000);
    this.#o.logger.warn({ err: err.message, retryInMs: delay }, 'The config file watcher failed; re-creating it (the poll still checks the file)');
    const w = this.#watch;
    this.#watch = null;
    void w?.close();
    this.#cancelRewatch?.();
    this.#cancelRewatch = this.#clock.setTimer(delay, () => {
      this.#cancelRewatch = null;
      const p = this.#rewatch(true)
        .then(() => this.check())
        .then(() => undefined)
        .finally(() => {
          if (this.#recovering === p) this.#recovering = null;
        });
      this.#recovering = p;
    });
  }

  #isStopped(): boolean {
    return this.#state === 'stopped';
  }

  #iso(): string {
    return isoUtc(this.#clock.now());
  }
}
