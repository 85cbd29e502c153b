import type Docker from 'dockerode';
import type { FollowedView, LogSource, SourceContext } from '../core/source.js';
import type { StreamCheckpoints } from '../delivery/acks.js';
import type { DockerConfig } from '../config/types.js';
import { backoffDelay } from '../util/backoff.js';
import { redactUrl } from '../util/secret.js';
import { DockerConfigError, connectDocker, statusOf } from './client.js';
import { FollowedContainer, type ContainerHost } from './container.js';
import { followEvents, nanoToSince, type ContainerEvent } from './events.js';
import { containerInfoFromInspect, type InspectLike } from './metadata.js';
import { eachLimited } from '../util/each-limited.js';
import { sleepUnless } from '../util/clock.js';

/** How long a removed container's tap may go on reading what it had before it is stopped. */
const REMOVED_GRACE_MS = 5_000;

/**
 * The Docker source: lists containers, follows lifecycle events, and keeps one FollowedContainer per
 * container (docker/container.ts: its tap, cursor, start decision, acks and end handling). It survives
 * the engine going away: every stream fails, the event loop reconnects with backoff, re-lists (events
 * replay only the last 256), and each container resumes from its cursor.
 *
 * Read-only: it calls /version, /containers/json, /containers/{id}/json, /containers/{id}/logs and
 * /events, nothing else.
 *
 * A container is inspected at its `create` event and the decision (collect it? from where?) kept,
 * so its `start` event opens the logs request with no round trip before it.
 */
/**
 * Inspects of a (re)list in flight at once. All at once, 500 containers meant 500 connections each
 * reading its answer into a 64 KiB buffer of its own at the same moment, and the allocator kept that
 * room: glibc's heap stayed at 13.3 MB resident, against 8.1-8.9 MB with 2 or 8 at a time (RSS 93.5
 * against 86.2 MB, 500 containers each writing a line every 2 s).
 */
const INSPECT_CONCURRENCY = 8;

export class DockerSource implements LogSource {
  #docker: Docker | undefined;
  #known = new Map<string, FollowedContainer>();
  /** Inspects in flight, by container: a `start` waits for its `create`'s inspect instead of asking again. */
  #inspecting = new Map<string, Promise<void>>();
  #abort = new AbortController();
  #running = false;
  #connected = false;
  #unreachableReported: string | undefined;
  #lastEvent: string | undefined;
  #loop: Promise<void> | undefined;
  #firstConnect: { resolve: () => void; reject: (e: Error) => void } | undefined;
  /** Where the last connection went and what answered (for the "Connected" log line). */
  #endpoint: { host: string; engine: string; version: string } | undefined;
  apiVersion: string | undefined;

  readonly #host: ContainerHost;

  constructor(
    private readonly cfg: DockerConfig,
    private readonly ctx: SourceContext<StreamCheckpoints>,
  ) {
    const self = this;
    this.#host = {
      ctx,
      get running() {
        return self.#running;
      },
      get connected() {
        return self.#connected;
      },
      get docker() {
        return self.#docker;
      },
      get tapOptions() {
        return { partialMerge: cfg.partialMerge, maxLineBytes: cfg.maxLineBytes, podman: self.#endpoint?.engine === 'podman' };
      },
      inspect: (id) => this.#inspect(id),
      sleep: (ms) => this.#sleep(ms),
      forget: (c) => this.#forget(c),
      owns: (c) => this.#known.get(c.info.id) === c,
      tapsChanged: () => this.#updateGauge(),
    };
    ctx.metrics.beforeCollect.push(() => this.#reportLineCounts());
  }

  /** Lines read per container, handed to prom-client at scrape time (a labelled inc per line costs more). */
  #reportLineCounts(): void {
    const counter = this.ctx.metrics.linesRead;
    for (const c of this.#known.values()) {
      if (c.unreported === 0) continue;
      counter.inc({ container: c.info.name }, c.unreported);
      c.unreported = 0;
    }
  }

  *followed(): Iterable<FollowedView> {
    for (const c of this.#known.values()) if (c.tracked) yield c;
  }

  saveCheckpoints(): void {
    for (const c of this.#known.values()) c.saveCheckpoint();
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Resolves after the first successful list; rejects when the connection settings cannot work (DockerConfigError). */
  start(): Promise<void> {
    if (this.#running) return Promise.resolve();
    this.#running = true;
    const first = new Promise<void>((resolve, reject) => (this.#firstConnect = { resolve, reject }));
    this.#loop = this.#eventLoop();
    return first;
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#abort.abort();
    for (const c of this.#known.values()) c.stop();
    this.#firstConnect?.resolve();
    await this.#loop;
  }

  pause(id: string): void {
    this.#known.get(id)?.pause();
  }

  resume(id: string): void {
    this.#known.get(id)?.resume();
  }

  /** After a config change: decide again for every known container (attach or detach). */
  async rematch(): Promise<void> {
    if (!this.#connected) return;
    await this.#relist();
  }

  get docker(): Docker | undefined {
    return this.#docker;
  }

  async #eventLoop(): Promise<void> {
    let attempt = 0;
    while (this.#running) {
      try {
        const n = await connectDocker(this.cfg);
        this.#docker = n.docker;
        this.apiVersion = n.apiVersion;
        this.#endpoint = { host: n.host, engine: n.engine, version: n.serverVersion };
      } catch (err) {
        if (err instanceof DockerConfigError) {
          // The settings themselves are wrong (they are fixed for the process's life, so this is the
          // first attempt): no retry can help. `start()` rejects and `sluice run` exits with the reason.
          this.#firstConnect?.reject(err);
          this.#firstConnect = undefined;
          return;
        }
        // Anything the engine or the network answered (refused, DNS, TLS, an HTTP status) may be
        // fixed without restarting sluice (the engine comes back, a certificate is renewed): retry,
        // not ready meanwhile, and say why once per distinct reason.
        this.#setConnected(false, err as Error);
        this.#reportUnreachable(err as Error);
        await this.#sleep(backoffDelay(++attempt, 250, 10_000));
        continue;
      }
      let opened = false;
      const err = await followEvents(
        this.#docker,
        this.#lastEvent,
        this.#abort.signal,
        (e) => this.#onEvent(e),
        () => {
          opened = true;
          attempt = 0;
          this.#setConnected(true);
          // Events first, then the list: nothing that happens in between is missed.
          void this.#relist().then(() => {
            this.#firstConnect?.resolve();
            this.#firstConnect = undefined;
          });
        },
        (text) => this.#onMalformedEvent(text),
      );
      if (!this.#running) break;
      this.#setConnected(false, err);
      if (!opened) attempt++;
      await this.#sleep(backoffDelay(Math.max(1, attempt), 250, 10_000));
    }
  }

  /** Logs why the engine cannot be reached: once per distinct reason, not once per retry. */
  #reportUnreachable(err: Error): void {
    const why = err.message;
    if (why === this.#unreachableReported) return;
    this.#unreachableReported = why;
    this.ctx.logger.warn({ err: why, host: redactUrl(this.cfg.host) }, 'Cannot connect to the Docker engine; retrying with backoff');
  }

  #setConnected(up: boolean, err?: Error): void {
    if (up === this.#connected) return;
    this.#connected = up;
    if (up) this.#unreachableReported = undefined;
    this.ctx.metrics.dockerConnected.set(up ? 1 : 0);
    if (up) {
      const e = this.#endpoint;
      this.ctx.logger.info({ api: this.apiVersion, host: redactUrl(e?.host ?? this.cfg.host), engine: e?.engine, version: e?.version }, 'Connected to the Docker engine');
    }
    else this.ctx.logger.warn({ err: err?.message }, 'Lost the Docker engine; reconnecting with backoff');
  }

  #sleep(ms: number): Promise<void> {
    return sleepUnless(this.ctx.clock, ms, this.#abort.signal);
  }

  #onEvent(e: ContainerEvent): void {
    this.#lastEvent = nanoToSince(e.timeNano) ?? this.#lastEvent;
    switch (e.action) {
      case 'create':
        void this.#inspectAndDecide(e.id, 'create');
        break;
      case 'start':
        void this.#onStart(e.id);
        break;
      case 'rename':
        void this.#inspectAndDecide(e.id, 'rename');
        break;
      case 'destroy': {
        const k = this.#known.get(e.id);
        if (k) this.#onRemoved(k);
        break;
      }
      default:
        // die: the follow stream ends by itself once the last lines are sent; the tap handles it.
        break;
    }
  }

  /**
   * An event line sluice cannot read: counted, logged (its first 200 characters), and the containers
   * re-listed, since whatever it described (a start, a removal) is otherwise missed.
   */
  #onMalformedEvent(text: string): void {
    this.ctx.metrics.malformedEvents.inc();
    this.ctx.logger.warn({ event: text.slice(0, 200) }, 'Docker sent an event sluice cannot read; skipped it and re-listing containers');
    if (this.#relistQueued) return;
    this.#relistQueued = true;
    queueMicrotask(() => {
      this.#relistQueued = false;
      void this.#relist();
    });
  }
  #relistQueued = false;

  /** `start`: open the logs request first; inspect only when `create` left no decision. */
  async #onStart(id: string): Promise<void> {
    const creating = this.#inspecting.get(id);
    if (creating) await creating;
    const c = this.#known.get(id);
    if (c?.armed && this.#running) return c.start();
    await this.#inspectAndDecide(id, 'start');
  }

  /** Removed: forgotten now, or once its tap has read to the end (see FollowedContainer.markRemoved). */
  #onRemoved(c: FollowedContainer): void {
    if (c.markRemoved(REMOVED_GRACE_MS, this.#abort.signal)) this.#forget(c);
  }

  #forget(c: FollowedContainer): void {
    if (!this.#running || this.#known.get(c.info.id) !== c) return;
    this.#known.delete(c.info.id);
    c.dispose();
  }

  async #relist(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const docker = this.#docker;
      if (!docker || !this.#running) return;
      let list: Docker.ContainerInfo[];
      try {
        list = await docker.listContainers({ all: true });
      } catch (err) {
        // The events stream is open (or this is a rematch): nothing else will list again, so retry
        // here until it works or the connection is replaced (its reconnect lists anew).
        if (this.#docker !== docker || !this.#running) return;
        this.ctx.metrics.dockerCallFailures.inc({ call: 'list' });
        if (attempt === 1) this.ctx.logger.warn({ err: (err as Error).message }, 'Could not list containers; retrying with backoff');
        await this.#sleep(backoffDelay(attempt, 250, 10_000));
        continue;
      }
      const seen = new Set(list.map((c) => c.Id));
      for (const c of [...this.#known.values()]) if (!seen.has(c.info.id)) this.#onRemoved(c);
      await eachLimited(list, INSPECT_CONCURRENCY, (c) => this.#inspectAndDecide(c.Id, 'list'));
      return;
    }
  }

  /**
   * Inspects a container, retrying with backoff when the engine answers anything but 404 (a busy
   * engine's 500, a timeout): without it the container would stay unread until its next event.
   * 'gone': 404; 'lost': stopping, or the connection was replaced (the reconnect's re-list takes over).
   */
  async #inspect(id: string): Promise<InspectLike | 'gone' | 'lost'> {
    for (let attempt = 1; ; attempt++) {
      const docker = this.#docker;
      if (!docker || !this.#running) return 'lost';
      try {
        return (await docker.getContainer(id).inspect()) as unknown as InspectLike;
      } catch (err) {
        if (statusOf(err) === 404) return 'gone';
        if (this.#docker !== docker || !this.#running) return 'lost';
        this.ctx.metrics.dockerCallFailures.inc({ call: 'inspect' });
        if (attempt === 1) this.ctx.logger.warn({ id, err: (err as Error).message }, 'Could not inspect a container; retrying with backoff');
        await this.#sleep(backoffDelay(attempt, 250, 10_000));
      }
    }
  }

  #inspectAndDecide(id: string, why: 'create' | 'start' | 'rename' | 'list'): Promise<void> {
    const p = this.#decideAfterInspect(id, why);
    if (why !== 'create') return p;
    const tracked = p.finally(() => {
      if (this.#inspecting.get(id) === tracked) this.#inspecting.delete(id);
    });
    this.#inspecting.set(id, tracked);
    return tracked;
  }

  async #decideAfterInspect(id: string, why: 'create' | 'start' | 'rename' | 'list'): Promise<void> {
    if (!this.#docker || !this.#running) return;
    const inspect = await this.#inspect(id);
    if (typeof inspect === 'string') return;
    const info = containerInfoFromInspect(inspect);
    let c = this.#known.get(id);
    if (c?.removed) return;
    if (!c) {
      c = new FollowedContainer(info, this.#host);
      this.#known.set(id, c);
    } else if (c.info.name !== info.name || why === 'rename') {
      c.rename(info);
    }
    // Created and not started yet (its `create` event, or found so by a list): decide now, open the
    // stream at `start`.
    const notStarted = why === 'create' || inspect.State?.Status === 'created';
    c.decide({ running: Boolean(inspect.State?.Running), created: inspect.Created ?? '' }, notStarted);
  }

  #updateGauge(): void {
    let n = 0;
    for (const c of this.#known.values()) if (c.tapAttached) n++;
    this.ctx.metrics.containersAttached.set(n);
  }
}

