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
}

/**
 * The Docker source: lists containers, follows lifecycle events, and keeps one Tap per collected
 * container. It survives the engine going away: every stream fails, the event loop reconnects with
 * backoff, re-lists (events replay only the last 256), and each container resumes from its cursor.
 *
 * Read-only: it calls /version, /containers/json, /containers/{id}/json, /containers/{id}/logs and
 * /events, nothing else.
 */
export class DockerSource {
  #docker: Docker | undefined;
  #known = new Map<string, Known>();
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

  /** Resolves after the first successful list (or rejects when the first connection fails and `waitFirst` is set). */
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
      case 'start':
      case 'rename':
        void this.#inspectAndDecide(e.id, e.action === 'rename');
        break;
      case 'destroy': {
        const k = this.#known.get(e.id);
        if (k) {
          k.tap?.stop();
          this.#known.delete(e.id);
          this.handler.destroyed?.(e.id);
        }
        break;
      }
      default:
        // die: the follow stream ends by itself once the last lines are sent; the tap handles it.
        break;
    }
  }

  async #relist(): Promise<void> {
    const docker = this.#docker;
    if (!docker) return;
    let list: Docker.ContainerInfo[];
    try {
      list = await docker.listContainers({ all: true });
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message }, 'Could not list containers; will retry on reconnect');
      return;
    }
    const seen = new Set(list.map((c) => c.Id));
    for (const [id, k] of this.#known) {
      if (!seen.has(id)) {
        k.tap?.stop();
        this.#known.delete(id);
        this.handler.destroyed?.(id);
      }
    }
    await Promise.all(list.map((c) => this.#inspectAndDecide(c.Id, false)));
  }

  async #inspectAndDecide(id: string, renamed: boolean): Promise<void> {
    const docker = this.#docker;
    if (!docker || !this.#running) return;
    let inspect: InspectLike;
    try {
      inspect = (await docker.getContainer(id).inspect()) as unknown as InspectLike;
    } catch (err) {
      if (statusOf(err) !== 404) this.deps.logger.debug({ id, err: (err as Error).message }, 'inspect failed');
      return;
    }
    const info = containerInfoFromInspect(inspect);
    let k = this.#known.get(id);
    if (!k) {
      k = { info, retries: 0 };
      this.#known.set(id, k);
    } else if (k.info.name !== info.name || renamed) {
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
      if (k.tap) {
        k.tap.stop();
        k.tap = undefined;
        this.#updateGauge();
      }
      return;
    }
    if (k.tap?.attached) return;
    if (k.tap) return; // starting
    k.cursor = k.cursor ?? decision.cursor;
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
    const docker = this.#docker;
    if (!docker) return tap.settle(false);
    let running = false;
    try {
      const i = (await docker.getContainer(k.info.id).inspect()) as unknown as InspectLike;
      running = Boolean(i.State?.Running);
    } catch (err) {
      if (statusOf(err) === 404) {
        tap.settle(true);
        this.handler.detached(k.info, 'gone');
        return;
      }
      return tap.settle(false); // engine trouble: the event loop's reconnect re-lists and re-attaches
    }
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
