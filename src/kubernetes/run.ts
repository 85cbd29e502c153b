/**
 * One container run (`<pod dir>/<container>/<restart>`): the one object that holds its follower,
 * its acknowledgement tracker, where it starts, its pause state and its end, and tells the source
 * (and through it the runtime) about its end through one callback. Records are built here: one
 * per line, with an AckRef into the run's OffsetTracker, whose advance saves the run's position.
 */
import { NO_TAGS, type ContainerInfo, type LogRecord, type Stream } from '../core/record.js';
import { dockerTimeToMs as timeMs, msToDockerTime } from '../delivery/time.js';
import type { FileCheckpointStore, RunCheckpoint } from './file-checkpoints.js';
import { Follower } from './follower.js';
import type { LogFile } from './log-file.js';
import { OffsetTracker } from './offsets.js';
import type { RunRef } from './discover.js';
import type { FollowedRun, KubernetesSourceContext } from './context.js';

export interface RunDeps {
  readonly ctx: KubernetesSourceContext;
  readonly store: FileCheckpointStore;
  readonly maxLineBytes: number;
  readonly pollMs: number;
  readonly idleMs?: number;
  /** The run's files were read to their end (container exited, or pod gone). */
  ended(run: PodRun, why: 'eof' | 'gone'): void;
  /** A later restart of the container appeared: discover it. */
  superseded(): void;
}

export class PodRun {
  readonly tracker: OffsetTracker<LogFile>;
  #follower: Follower | undefined;
  #paused = false;
  /** Read to its end for good (a later restart exists, or the pod is gone). */
  ended = false;
  /** Lines read and not yet added to sluice_lines_read_total (reported before a scrape). */
  unreported = 0;
  readonly waitingSince: number;

  constructor(
    readonly ref: RunRef,
    readonly key: string,
    public info: ContainerInfo,
    private readonly deps: RunDeps,
  ) {
    this.tracker = new OffsetTracker<LogFile>(undefined, () => this.save());
    this.waitingSince = deps.ctx.clock.now();
  }

  get reading(): boolean {
    return this.#follower !== undefined;
  }

  get files(): readonly LogFile[] {
    return this.#follower?.files ?? [];
  }

  /** Starts reading from the checkpoint, else from `fresh` ('start' or 'end' of its files). */
  start(fresh: 'start' | 'end'): void {
    if (this.#follower !== undefined || this.ended) return;
    const { ctx } = this.deps;
    const stored: RunCheckpoint | undefined = this.deps.store.get(this.key);
    const f = new Follower(
      this.ref.dir,
      this.ref.restart,
      {
        maxLineBytes: this.deps.maxLineBytes,
        clock: ctx.clock,
        pollMs: this.deps.pollMs,
        ...(this.deps.idleMs !== undefined ? { idleMs: this.deps.idleMs } : {}),
        // Collected again after a reload had excluded it: from the end (it was not read meanwhile).
        start: this.tracker.position !== undefined ? 'end' : stored ?? fresh,
        fallbackTime: () => msToDockerTime(ctx.clock.now()),
      },
      {
        line: (stream, time, line, truncated, file, at) => this.#line(stream, time, line, truncated, file, at),
        garbage: (detail) => {
          ctx.metrics.linesUnparseable.inc({ container: this.info.name });
          ctx.logger.warn({ ...this.#where(), detail }, 'A pod log line is not a CRI record; delivered it as it is.');
        },
        startsAt: (file, offset) => {
          // Recorded at once for a new run: lines it prints while sluice is down are then not lost.
          if (this.tracker.position === undefined) this.tracker.mark(file, offset);
        },
        fileDone: (_done, next) => {
          if (next !== undefined) this.tracker.mark(next, 0);
        },
        lost: (name, detail) => {
          ctx.metrics.logFilesLost.inc({ container: this.info.name, reason: 'rotated_away' });
          ctx.logger.error({ ...this.#where(), file: name, detail }, 'A pod log file was rotated away before sluice read it to its end; its unread lines are lost.');
        },
        superseded: () => this.deps.superseded(),
        ended: (why) => {
          if (this.#follower !== f) return;
          this.#follower = undefined;
          this.ended = true;
          ctx.events?.containerDetached(this.info, why);
          this.deps.ended(this, why);
        },
      },
    );
    this.#follower = f;
    if (this.#paused) f.pause();
    ctx.events?.containerAttached(this.info);
    void f.start();
  }

  /** Stops reading (no longer selected: `unmatched`, or shutdown); its position is saved. */
  stop(why?: 'unmatched'): void {
    if (this.#follower !== undefined && why !== undefined) this.deps.ctx.events?.containerDetached(this.info, why);
    this.#follower?.stop();
    this.#follower = undefined;
    this.save();
  }

  pause(): void {
    this.#paused = true;
    this.#follower?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#follower?.resume();
  }

  /** The pod directory is gone: a follower reads what it holds to the end, then ends. */
  poke(): void {
    this.#follower?.poke();
  }

  save(): void {
    const pos = this.tracker.position;
    if (pos === undefined) return;
    this.deps.store.updateLazy(this.key, async () => ({ file: await pos.file.identity(), offset: pos.offset }));
  }

  view(): FollowedRun {
    const tracker = this.tracker;
    const pos = tracker.position;
    return {
      info: this.info,
      attached: this.#follower !== undefined,
      lagSeconds: (now) => {
        const t = tracker.oldestUnackedTime();
        return t ? Math.max(0, (now - timeMs(t)) / 1000) : 0;
      },
      files: this.files.map((f) => ({ name: f.name, offset: f.pos })),
      checkpoint: pos ? { file: pos.file.name, offset: pos.offset } : null,
    };
  }

  #where() {
    return { container: this.info.name, pod: this.ref.pod.pod, namespace: this.ref.pod.namespace };
  }

  #line(stream: Stream, time: string, line: string, truncated: boolean, file: LogFile, at: number): void {
    this.unreported++;
    const tracker = this.tracker;
    const seq = tracker.add(file, at, time);
    const rec: LogRecord = { time, line, source: stream, container: this.info, host: '', tags: NO_TAGS, truncated, acks: { tracker, stream, seq } };
    this.deps.ctx.emit(rec);
    // The source's own hold: every route that took the record has retained it by now.
    tracker.settle(stream, seq);
  }
}
