import type Docker from 'dockerode';
import { NO_TAGS, type ContainerInfo, type LogRecord, type Stream } from '../core/record.js';
import type { SourceContext } from '../core/source.js';
import { AckTracker, type StreamCheckpoints } from '../delivery/acks.js';
import { dockerTimeToMs, msToDockerTime } from '../delivery/time.js';
import type { DetachReason } from '../telemetry/events.js';
import { backoffDelay } from '../util/backoff.js';
import { ReadCursor } from './cursor.js';
import type { InspectLike } from './metadata.js';
import { Tap, type TapEnd, type TapStart } from './tap.js';

/** Podman: the pause between two reads of a container while it prints, and the most while it is idle. */
const POLL_MS = 100;
const POLL_IDLE_MS = 1_000;

/** What a container needs from the source that owns it (docker/source.ts). */
export interface ContainerHost {
  readonly ctx: SourceContext<StreamCheckpoints>;
  readonly running: boolean;
  readonly connected: boolean;
  readonly docker: Docker | undefined;
  readonly tapOptions: { partialMerge: boolean; maxLineBytes: number; podman: boolean };
  /** Inspect with retries: 'gone' on 404, 'lost' when stopping or the connection was replaced. */
  inspect(id: string): Promise<InspectLike | 'gone' | 'lost'>;
  sleep(ms: number): Promise<void>;
  /** The container is removed and read to its end: drop it. */
  forget(c: FollowedContainer): void;
  /** This object is still the source's entry for its id. */
  owns(c: FollowedContainer): boolean;
  tapsChanged(): void;
}

export interface ContainerState {
  running: boolean;
  created: string;
}

/**
 * One container the Docker source knows of, and everything about following it: the start decision
 * (collected? from where: its checkpoint, its creation, or `containers.backfill`), the tap and its
 * read cursor, the acknowledgements of what it read (AckTracker → checkpoint), the record built for
 * each line, and what happens when its stream ends (re-attach, the catch-up read, or the end).
 * The rest of the system hears of its end through `SourceContext.lifecycle`.
 */
export class FollowedContainer {
  info: ContainerInfo;
  #tap: Tap | undefined;
  #cursor: ReadCursor | undefined;
  #tracker: AckTracker | undefined;
  #unreadable = false;
  /** Paused by backpressure; survives re-attachment. */
  #paused = false;
  /** The catch-up read after the container stopped has been made. */
  #drained = false;
  #retries = 0;
  /**
   * Decided at the `create` event: where the tap starts when `start` comes, so a one-shot job's logs
   * request goes out at once (`docker run --rm` removes the container, and its log, moments after it
   * exits: every round trip between `start` and the request costs lines).
   */
  #armed: TapStart | undefined;
  /** Removed (destroy) while its tap still reads: forgotten once the tap has read to the end. */
  removed = false;
  /** Collected and its stream not ended (for /status and the attach/detach events). */
  attached = false;
  /** Lines read and not yet added to sluice_lines_read_total (see Metrics.beforeCollect). */
  unreported = 0;

  constructor(
    info: ContainerInfo,
    private readonly host: ContainerHost,
  ) {
    this.info = info;
  }

  get tracked(): boolean {
    return this.#tracker !== undefined;
  }
  get tapAttached(): boolean {
    return this.#tap?.attached ?? false;
  }
  get hasTap(): boolean {
    return this.#tap !== undefined;
  }
  get unreadable(): boolean {
    return this.#unreadable;
  }
  get armed(): boolean {
    return this.#armed !== undefined;
  }

  rename(info: ContainerInfo): void {
    this.info = info;
    if (this.#tap) this.#tap.info = info;
    this.host.ctx.lifecycle(info.id, 'renamed', info);
  }

  /**
   * Inspected (listed, created, started, renamed, or after a config change): follow it or not.
   * `notStarted`: created and never started, so only the decision is made; `start()` opens the stream.
   */
  decide(state: ContainerState, notStarted: boolean): void {
    if (this.#unreadable) return;
    const start = this.#decision(state);
    if (start === null) {
      this.#armed = undefined;
      if (this.#tap) {
        this.#tap.stop();
        this.#tap = undefined;
        this.host.tapsChanged();
      }
      return;
    }
    if (this.#tap) return; // attached or starting
    if (notStarted && !state.running) {
      // A logs request now would only read nothing and end: `start` opens it.
      this.#armed = start;
      return;
    }
    this.#armed = undefined;
    this.#drained = false;
    this.#startTap(start);
  }

  /** The `start` event of a container decided at `create`: open its stream, nothing first. */
  start(): void {
    const start = this.#armed;
    this.#armed = undefined;
    if (start === undefined || this.#tap || this.#unreadable || !this.host.running) return;
    this.#drained = false;
    this.#startTap(start);
  }

  /** Where to start reading, or null: not collected. Sets the cursor (and the tracker, first time). */
  #decision(st: ContainerState): TapStart | null {
    const ctx = this.host.ctx;
    const info = this.info;
    if (!ctx.select(info)) {
      // No longer collected (a reload changed the filter).
      if (this.attached) this.#detach('unmatched');
      return null;
    }
    if (this.#tracker) {
      if (!this.attached) {
        this.attached = true;
        ctx.events.containerAttached(info);
      }
      this.#cursor ??= new ReadCursor(this.#tracker.checkpoint());
      return {};
    }
    const stored = ctx.checkpoints.stored(info.id);
    if (stored) {
      this.#track(stored);
      this.#cursor ??= new ReadCursor(stored);
      return {};
    }
    // Never seen: a container created since the previous run (or since this one started) is read
    // whole; one that existed before sluice ever ran follows `containers.backfill`. Either way its
    // starting position is recorded at once, so lines it prints while sluice is down are not lost.
    const createdMs = Date.parse(st.created);
    let from: { ms: number; tail?: number };
    if (Number.isFinite(createdMs) && createdMs >= ctx.checkpoints.epochMs - 1000) from = { ms: createdMs - 1000 };
    else if (!st.running && ctx.backfill().kind === 'none') return null; // exited before sluice ran
    else from = this.#backfillFrom(createdMs);
    const at = msToDockerTime(from.ms);
    const initial = { stdout: { time: at, count: 0 }, stderr: { time: at, count: 0 } };
    const tracker = this.#track(initial);
    ctx.checkpoints.save(info.id, info.name, tracker.checkpoint());
    this.#cursor ??= new ReadCursor(initial);
    return from.tail !== undefined ? { tail: from.tail } : {};
  }

  #backfillFrom(createdMs: number): { ms: number; tail?: number } {
    const b = this.host.ctx.backfill();
    const now = this.host.ctx.clock.now();
    const origin = Number.isFinite(createdMs) ? createdMs - 1000 : 0;
    switch (b.kind) {
      case 'all':
        return { ms: origin };
      case 'tail':
        return { ms: origin, tail: b.lines };
      case 'since':
        return { ms: Math.max(origin, now - b.ms) };
      default:
        return { ms: now };
    }
  }

  #track(initial: StreamCheckpoints): AckTracker {
    const ctx = this.host.ctx;
    const id = this.info.id;
    // Each advance of the acknowledged prefix is handed to the checkpoint store at once (it coalesces
    // the writes): a crash re-reads little more than the batches in flight.
    const tracker: AckTracker = new AckTracker(id, initial, () => ctx.checkpoints.saveLazy(id, this.info.name, () => tracker.checkpoint()));
    this.#tracker = tracker;
    this.attached = true;
    ctx.events.containerAttached(this.info);
    return tracker;
  }

  #detach(why: DetachReason): void {
    if (!this.attached) return;
    this.attached = false;
    this.host.ctx.events.containerDetached(this.info, why);
  }

  /** Its stream ended for good: the rest of the system is told (multiline, flow control). */
  #ended(why: DetachReason): void {
    this.host.ctx.lifecycle(this.info.id, 'ended', this.info);
    this.#detach(why);
  }

  /** One line read: a record, routed at once; our own hold settled after. */
  #line(stream: Stream, time: string, line: string, truncated: boolean): void {
    this.#retries = 0; // the stream works: a later failure starts its backoff afresh
    this.unreported++;
    const tracker = this.#tracker!;
    const seq = tracker.add(stream, time);
    const rec: LogRecord = { time, line, source: stream, container: this.info, host: '', tags: NO_TAGS, truncated, acks: { tracker, stream, seq } };
    this.host.ctx.emit(rec);
    tracker.settle(stream, seq);
  }

  #startTap(start: TapStart): void {
    const docker = this.host.docker;
    if (!docker || !this.#cursor) return;
    const tap = new Tap(
      docker,
      this.info,
      // Podman 4.3.1's follow drops lines written at a high rate (measured: up to 121 of 20,000 in a
      // one-second burst), while a read without follow is exact: on Podman, poll (docs/podman.md).
      this.host.tapOptions,
      this.#cursor,
      {
        line: (_t, stream, time, line, truncated) => this.#line(stream, time, line, truncated),
        end: (t, why) => this.#onTapEnd(t, why),
      },
      this.host.ctx.logger,
    );
    this.#tap = tap;
    if (this.#paused) tap.pause();
    void tap.start(start).then(() => this.host.tapsChanged());
  }

  pause(): void {
    this.#paused = true;
    this.#tap?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#tap?.resume();
  }

  /** Stops reading for good (shutdown, forget). */
  stop(): void {
    this.#tap?.stop();
  }

  /**
   * It was removed. A tap still reading is let finish (the engine sends what the log held; a `--rm`
   * job's lines are often still on their way) and the container forgotten when it ends, or after
   * `graceMs` at the latest. Returns true when it can be forgotten now.
   */
  markRemoved(graceMs: number, signal: AbortSignal): boolean {
    if (!this.#tap || this.removed) return !this.removed;
    this.removed = true;
    const tap = this.#tap;
    const cancel = this.host.ctx.clock.setTimer(graceMs, () => tap.stop());
    signal.addEventListener('abort', cancel, { once: true });
    return false;
  }

  /** Forgotten by the source: counters of its name go, the rest of the system is told. */
  dispose(): void {
    this.stop();
    this.#detach('gone');
    const m = this.host.ctx.metrics;
    if (this.#tracker) {
      m.linesRead.remove(this.info.name);
      m.checkpointLag.remove(this.info.name);
    }
    this.host.ctx.lifecycle(this.info.id, 'removed', this.info);
  }

  saveCheckpoint(): void {
    if (this.#tracker) this.host.ctx.checkpoints.save(this.info.id, this.info.name, this.#tracker.checkpoint());
  }

  lagSeconds(nowMs: number): number {
    const t = this.#tracker?.oldestUnackedTime();
    const ms = t ? dockerTimeToMs(t) : NaN;
    return Number.isFinite(ms) ? Math.max(0, (nowMs - ms) / 1000) : 0;
  }

  #onTapEnd(tap: Tap, why: TapEnd): void {
    if (this.#tap === tap) this.#tap = undefined;
    this.host.tapsChanged();
    if (this.removed) {
      // Removed while reading: what the stream carried is all there will be.
      tap.settle(why.kind === 'eof');
      if (this.host.running) {
        this.#ended('gone');
        this.host.forget(this);
      }
      return;
    }
    switch (why.kind) {
      case 'stopped':
        return;
      case 'gone':
        this.#ended('gone');
        return;
      case 'unreadable':
        this.#unreadable = true;
        this.host.ctx.metrics.unreadableContainers.inc({ driver: this.info.logDriver });
        this.host.ctx.logger.warn(
          { container: this.info.name, driver: this.info.logDriver, detail: why.detail },
          'The Docker API cannot read this container\'s logs (log driver); its lines are not collected',
        );
        this.#ended('unreadable');
        return;
      default:
        // eof or error: re-inspect; a running container is re-attached from its cursor (an idle
        // proxy cut, a daemon restart); a stopped one was read to its end.
        if (!this.host.running) return tap.settle(false);
        if (why.kind === 'error' && !this.host.connected) return tap.settle(false); // the reconnect re-list re-attaches
        void this.#afterEnd(tap, why);
    }
  }

  async #afterEnd(tap: Tap, why: TapEnd): Promise<void> {
    const i = await this.host.inspect(this.info.id);
    // While this inspect was retrying (the engine away), a re-list attached a newer tap: that tap's
    // own end decides what comes next. Deciding here as well used up the one catch-up read of a
    // stopped container before the newer tap had ended, and its last lines were lost when the engine
    // closed that stream early (seen once in CI: 499 of 500 lines after a daemon restart).
    if (this.#tap !== undefined) return tap.settle(false);
    if (i === 'lost') return tap.settle(false); // the event loop's reconnect re-lists and re-attaches
    if (i === 'gone') {
      tap.settle(true);
      this.#ended('gone');
      return;
    }
    if (!i.State?.Running) {
      if (!this.#drained) {
        // Stopped. The engine may close a follow stream before it has sent the container's last
        // lines (seen under load: the last ~0.5 s missing), so read once more without following,
        // from the cursor: it returns everything the log holds and ends, and the cursor drops what
        // was already read. A line cut at the end of the first stream comes whole in this one.
        tap.settle(false);
        this.#drained = true;
        if (this.host.running && !this.#tap && this.host.owns(this)) this.#startTap({ follow: false });
        return;
      }
      // Read to the end.
      tap.settle(true);
      this.#retries = 0;
      this.#ended('eof');
      return;
    }
    this.#drained = false;
    // Still running: re-attach from the cursor, with backoff when the stream keeps failing fast.
    // Polling (Podman): the next read after POLL_MS while lines come, backing off to POLL_IDLE_MS
    // while none do, so an idle container's new line waits at most about a second.
    tap.settle(false);
    this.#retries++;
    if (why.kind === 'error') this.host.ctx.logger.debug({ container: this.info.name }, 'log stream failed; re-attaching');
    const polling = why.kind === 'eof' && this.host.tapOptions.podman;
    const r = this.#retries;
    const delay = polling ? (r > 1 ? backoffDelay(r - 1, POLL_MS, POLL_IDLE_MS) : POLL_MS) : r > 1 ? backoffDelay(r - 1, 100, 5_000) : 0;
    await this.host.sleep(delay);
    if (this.host.running && !this.#tap && this.host.owns(this)) this.#startTap({});
  }
}
