/**
 * The seam between a log source (docker/, or any other: log files, another engine) and the runtime.
 *
 * A source finds containers, follows each one's logs and hands every line over already a LogRecord,
 * with an ack handle (core/record.ts) the source chose: how far a container was read and acknowledged
 * is the source's business, kept through `SourceContext.checkpoints`. The runtime wires records to the
 * router and tells the source to pause or resume a container (backpressure). Nothing here names a
 * Docker type.
 *
 * One lifecycle call (`SourceContext.lifecycle`) tells the rest of the system that a container's
 * stream ended, that it was removed, or that it was renamed: no other layer keeps its own per-container
 * map and cleans it up field by field.
 */
import type { Backfill } from '../config/types.js';
import type { Events } from '../telemetry/events.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Clock } from '../util/clock.js';
import type { ContainerInfo, LogRecord } from './record.js';

/**
 * What happened to a followed container, for whatever still holds state about it:
 * - `ended`: its stream ended for good (exited and read to its end, unreadable, no longer selected):
 *   open multiline groups are emitted, backpressure bookkeeping dropped. Its acks may still settle.
 * - `removed`: it is gone: also its memoised route plan and (after a while) its checkpoint.
 * - `renamed`: its metadata changed: its route plan is worked out again.
 */
export type Lifecycle = 'ended' | 'removed' | 'renamed';

/**
 * A source's saved positions, one entry per followed container (`key`: its id), of the source's own
 * shape `C`. Saved soon after each change, coalesced, and written atomically by the runtime's store.
 */
export interface CheckpointAccess<C> {
  /** What the previous run saved for `key`, if anything. */
  stored(key: string): C | undefined;
  /** When the previous run last saved (or, on a first run, when this one started): whatever was created since was never read. */
  readonly epochMs: number;
  save(key: string, name: string, cp: C): void;
  /** Like `save`, computed only when about to be written (an ack tracker advances far more often). */
  saveLazy(key: string, name: string, cp: () => C): void;
}

/** What the runtime gives a source. */
export interface SourceContext<C> {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly events: Events;
  /** `containers.*` of the current config: is this container collected? */
  select(info: ContainerInfo): boolean;
  /** `containers.backfill` of the current config (for containers that existed before sluice ran). */
  backfill(): Backfill;
  /** One line read, as a record; routed synchronously. The source settles its own hold afterwards. */
  emit(rec: LogRecord): void;
  lifecycle(containerId: string, what: Lifecycle, info: ContainerInfo): void;
  readonly checkpoints: CheckpointAccess<C>;
}

/** A followed container as /status and /metrics see it. */
export interface FollowedView {
  readonly info: ContainerInfo;
  /** Collected and its stream not ended. */
  readonly attached: boolean;
  /** Seconds since the oldest line read that not every route has acknowledged (0 when all have). */
  lagSeconds(nowMs: number): number;
}

export interface LogSource {
  /** Resolves once the first listing is done; rejects when the source's settings cannot work. */
  start(): Promise<void>;
  /** Stops reading (shutdown, first step). Idempotent. */
  stop(): Promise<void>;
  /** Backpressure: stop / go on reading this container (its logs wait at the source meanwhile). */
  pause(containerId: string): void;
  resume(containerId: string): void;
  /** The selection config changed: decide again for every known container (attach or detach). */
  rematch(): Promise<void>;
  /** Saves every followed container's current position (shutdown, after the routes drained). */
  saveCheckpoints(): void;
  /** Whether the source's backend answers (readiness). */
  readonly connected: boolean;
  /** Containers that have been followed in this run and are not removed. */
  followed(): Iterable<FollowedView>;
}
