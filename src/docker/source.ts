import type Docker from 'dockerode';
import type { ContainerInfo, Stream } from '../core/record.js';
import type { DockerConfig } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Clock } from '../util/clock.js';
import { backoffDelay } from '../util/backoff.js';
import { DockerConfigError, connectDocker, statusOf } from './client.js';
import { followEvents, nanoToSince, type ContainerEvent } from './events.js';
import { containerInfoFromInspect, type InspectLike } from './metadata.js';
import { ReadCursor } from './cursor.js';
import { Tap, type TapEnd, type TapStart } from './tap.js';

/** Podman: the pause between two reads of a container while it prints, and the most while it is idle. */
const POLL_MS = 100;
const POLL_IDLE_MS = 1_000;

/** What the runtime answers when a container is found: where to start reading, or not at all. */
export type AttachDecision = { cursor: ReadCursor; start: TapStart } | null;

export interface SourceHandler {
  /** A container was found (listed or started). Called again after a rename or a re-list. */
  decide(info: ContainerInfo, state: { running: boolean; created: string; finishedAt?: string }): AttachDecision;
  line(info: ContainerInfo, stream: Stream, time: string, line: string, truncated: boolean): void;
  /** The container's stream ended for good (exited and fully read, removed, unreadable, detached). */
  detached(info: ContainerInfo, why: TapEnd['kind']): void;
  renamed?(info: ContainerInfo): void;
  destroyed?(id: string): void;
  connection?(up: boolean): void;
}

interface Known {
  info: ContainerInfo;
  tap?: Tap;
  cursor?: ReadCursor;
  unreadable?: boolean;
  /** Paused by backpressure; survives re-attachment. */
  paused?: boolean;
  /** The catch-up read after the container stopped has been made. */
  drained?: boolean;
  retries: number;
  /**
   * Decided at the `create` event: where the tap starts when `start` comes, so a one-shot job's
   * logs request goes out at once (`docker run --rm` removes the container, and its log, moments
   * after it exits: every round trip between `start` and the request costs lines).
   */
  armed?: TapStart;
  /** Removed (destroy) while its tap still reads: forgotten once the tap has read to the end. */
  removed?: boolean;
}

/** How long a removed container's tap may go on reading what it had before it is stopped. */
const REMOVED_GRACE_MS = 5_000;

/**
 * The Docker source: lists containers, follows lifecycle events, and keeps one Tap per collected
 * container. It survives the engine going away: every stream fails, the event loop reconnects with
 * backoff, re-lists (events replay only the last 256), and each container resumes from its cursor.
 *
 * Read-only: it calls /version, /containers/json, /containers/{id}/json, /containers/{id}/logs and
 * /events, nothing else.
 *
 * A container is inspected at its `create` event and the decision (collect it? from where?) kept,
 * so its `start` event opens the logs request with no round trip before it.
 */
export class DockerSource {
  #docker: Docker | undefined;
  #known = new Map<string, Known>();
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

  constructor(
    private readonly cfg: DockerConfig,
    private readonly handler: SourceHandler,
    private readonly deps: { logger: Logger; metrics: Metrics; clock: Clock },
  ) {}

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
    for (const k of this.#known.values()) k.tap?.stop();
    this.#firstConnect?.resolve();
    await this.#loop;
  }

  attachedContainers(): ContainerInfo[] {
    return [...this.#known.values()].filter((k) => k.tap?.attached).map((k) => k.info);
  }

  pause(id: string): void {
    const k = this.#known.get(id);
    if (!k) return;
    k.paused = true;
    k.tap?.pause();
  }

  resume(id: string): void {
    const k = this.#known.get(id);
    if (!k) return;
    k.paused = false;
    k.tap?.resume();
  }

  /** After a config change: ask `decide` again for every known container (attach or detach). */
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
    this.deps.logger.warn({ err: why, host: redactHost(this.cfg.host) }, 'Cannot connect to the Docker engine; retrying with backoff');
  }

  #setConnected(up: boolean, err?: Error): void {
    if (up === this.#connected) return;
    this.#connected = up;
    if (up) this.#unreachableReported = undefined;
    this.deps.metrics.dockerConnected.set(up ? 1 : 0);
    if (up) {
      const e = this.#endpoint;
      this.deps.logger.info({ api: this.apiVersion, host: redactHost(e?.host ?? this.cfg.host), engine: e?.engine, version: e?.version }, 'Connected to the Docker engine');
    }
    else this.deps.logger.warn({ err: err?.message }, 'Lost the Docker engine; reconnecting with backoff');
    this.handler.connection?.(up);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#abort.signal.aborted) return resolve();
      const cancel = this.deps.clock.setTimer(ms, resolve);
      this.#abort.signal.addEventListener('abort', () => (cancel(), resolve()), { once: true });
    });
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
    this.deps.metrics.malformedEvents.inc();
    this.deps.logger.warn({ event: text.slice(0, 200) }, 'Docker sent an event sluice cannot read; skipped it and re-listing containers');
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
    const k = this.#known.get(id);
    if (k?.armed && this.#running) {
      const start = k.armed;
      k.armed = undefined;
      if (!k.tap && !k.unreadable) {
        k.drained = false;
        this.#startTap(k, start);
      }
      return;
    }
    await this.#inspectAndDecide(id, 'start');
  }

  /**
   * The container was removed. A tap still reading is let finish (the engine sends what the log
   * held before it went; a `--rm` job's lines are often still on their way): the container is
   * forgotten when the tap ends, or after REMOVED_GRACE_MS at the latest.
   */
  #onRemoved(k: Known): void {
    if (k.tap && !k.removed) {
      k.removed = true;
      const tap = k.tap;
      const cancel = this.deps.clock.setTimer(REMOVED_GRACE_MS, () => tap.stop());
      this.#abort.signal.addEventListener('abort', cancel, { once: true });
      return;
    }
    this.#forget(k);
  }

  #forget(k: Known): void {
    if (!this.#running || this.#known.get(k.info.id) !== k) return;
    k.tap?.stop();
    this.#known.delete(k.info.id);
    this.handler.destroyed?.(k.info.id);
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
        this.deps.metrics.dockerCallFailures.inc({ call: 'list' });
        if (attempt === 1) this.deps.logger.warn({ err: (err as Error).message }, 'Could not list containers; retrying with backoff');
        await this.#sleep(backoffDelay(attempt, 250, 10_000));
        continue;
      }
      const seen = new Set(list.map((c) => c.Id));
      for (const k of [...this.#known.values()]) if (!seen.has(k.info.id)) this.#onRemoved(k);
      await Promise.all(list.map((c) => this.#inspectAndDecide(c.Id, 'list')));
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
        this.deps.metrics.dockerCallFailures.inc({ call: 'inspect' });
        if (attempt === 1) this.deps.logger.warn({ id, err: (err as Error).message }, 'Could not inspect a container; retrying with backoff');
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
    let k = this.#known.get(id);
    if (k?.removed) return;
    if (!k) {
      k = { info, retries: 0 };
      this.#known.set(id, k);
    } else if (k.info.name !== info.name || why === 'rename') {
      k.info = info;
      if (k.tap) k.tap.info = info;
      this.handler.renamed?.(info);
    }
    if (k.unreadable) return;
    const state = {
      running: Boolean(inspect.State?.Running),
      created: inspect.Created ?? '',
      ...(inspect.State?.FinishedAt ? { finishedAt: inspect.State.FinishedAt } : {}),
    };
    const decision = this.handler.decide(info, state);
    if (!decision) {
      k.armed = undefined;
      if (k.tap) {
        k.tap.stop();
        k.tap = undefined;
        this.#updateGauge();
      }
      return;
    }
    if (k.tap) return; // attached or starting
    k.cursor = k.cursor ?? decision.cursor;
    if (why === 'create' && !state.running) {
      // Not started yet: a logs request now would only read nothing and end. `start` opens it.
      k.armed = decision.start;
      return;
    }
    k.armed = undefined;
    k.drained = false;
    this.#startTap(k, decision.start);
  }

  #startTap(k: Known, start: TapStart): void {
    const docker = this.#docker!;
    const tap = new Tap(
      docker,
      k.info,
      // Podman 4.3.1's follow drops lines written at a high rate (measured: up to 121 of 20,000 in a
      // one-second burst), while a read without follow is exact: on Podman, poll (docs/podman.md).
      { partialMerge: this.cfg.partialMerge, maxLineBytes: this.cfg.maxLineBytes, podman: this.#endpoint?.engine === 'podman' },
      k.cursor!,
      {
        line: (t, stream, time, line, truncated) => {
          k.retries = 0; // the stream works: a later failure starts its backoff afresh
          this.handler.line(t.info, stream, time, line, truncated);
        },
        end: (t, why) => this.#onTapEnd(k, t, why),
      },
      this.deps.logger,
    );
    k.tap = tap;
    if (k.paused) tap.pause();
    void tap.start(start).then(() => this.#updateGauge());
  }

  #onTapEnd(k: Known, tap: Tap, why: TapEnd): void {
    if (k.tap === tap) k.tap = undefined;
    this.#updateGauge();
    if (k.removed) {
      // Removed while reading: what the stream carried is all there will be.
      if (why.kind === 'eof') tap.settle(true);
      else tap.settle(false);
      if (this.#running) this.handler.detached(k.info, 'gone');
      this.#forget(k);
      return;
    }
    switch (why.kind) {
      case 'stopped':
        return;
      case 'gone':
        this.handler.detached(k.info, 'gone');
        return;
      case 'unreadable':
        k.unreadable = true;
        this.deps.metrics.unreadableContainers.inc({ driver: k.info.logDriver });
        this.deps.logger.warn(
          { container: k.info.name, driver: k.info.logDriver, detail: why.detail },
          'The Docker API cannot read this container\'s logs (log driver); its lines are not collected',
        );
        this.handler.detached(k.info, 'unreadable');
        return;
      default:
        // eof or error: re-inspect; a running container is re-attached from its cursor (an idle
        // proxy cut, a daemon restart); a stopped one was read to its end.
        if (!this.#running) return tap.settle(false);
        if (why.kind === 'error' && !this.#connected) return tap.settle(false); // the reconnect re-list re-attaches
        void this.#afterEnd(k, tap, why);
    }
  }

  async #afterEnd(k: Known, tap: Tap, why: TapEnd): Promise<void> {
    const i = await this.#inspect(k.info.id);
    if (i === 'lost') return tap.settle(false); // the event loop's reconnect re-lists and re-attaches
    if (i === 'gone') {
      tap.settle(true);
      this.handler.detached(k.info, 'gone');
      return;
    }
    const running = Boolean(i.State?.Running);
    if (!running) {
      if (!k.drained) {
        // Stopped. The engine may close a follow stream before it has sent the container's last
        // lines (seen under load: the last ~0.5 s missing), so read once more without following,
        // from the cursor: it returns everything the log holds and ends, and the cursor drops what
        // was already read. A line cut at the end of the first stream comes whole in this one.
        tap.settle(false);
        k.drained = true;
        if (this.#running && !k.tap && this.#known.get(k.info.id) === k) this.#startTap(k, { follow: false });
        return;
      }
      // Read to the end.
      tap.settle(true);
      k.retries = 0;
      this.handler.detached(k.info, 'eof');
      return;
    }
    k.drained = false;
    // Still running: re-attach from the cursor, with backoff when the stream keeps failing fast.
    // Polling (Podman): the next read after POLL_MS while lines come, backing off to POLL_IDLE_MS
    // while none do, so an idle container's new line waits at most about a second.
    tap.settle(false);
    k.retries++;
    if (why.kind === 'error') this.deps.logger.debug({ container: k.info.name }, 'log stream failed; re-attaching');
    const polling = why.kind === 'eof' && this.#endpoint?.engine === 'podman';
    const delay = polling
      ? k.retries > 1 ? backoffDelay(k.retries - 1, POLL_MS, POLL_IDLE_MS) : POLL_MS
      : k.retries > 1 ? backoffDelay(k.retries - 1, 100, 5_000) : 0;
    await this.#sleep(delay);
    if (this.#running && !k.tap && this.#known.get(k.info.id) === k) this.#startTap(k, {});
  }

  #updateGauge(): void {
    let n = 0;
    for (const k of this.#known.values()) if (k.tap?.attached) n++;
    this.deps.metrics.containersAttached.set(n);
  }
}

function redactHost(host: string): string {
  try {
    const u = new URL(host);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '[unparseable]';
  }
}
